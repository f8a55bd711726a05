namespace Vigil.Platform.Operations;

/// <summary>One command queued for the desk. Its result is held back until the round it ran in is committed.</summary>
internal abstract class DeskWork
{
    public abstract ValueTask ApplyAsync(DeskContext context);

    public abstract void Complete();

    public abstract void Fail(Exception error);

    /// <summary>Answers without running: this node does not hold the desk.</summary>
    public abstract void Refuse(string message);
}

internal sealed class DeskWork<T>(Func<DeskContext, ValueTask<DeskResult<T>>> apply) : DeskWork
{
    private readonly TaskCompletionSource<DeskResult<T>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DeskResult<T> _result;

    public Task<DeskResult<T>> Task => _completion.Task;

    public override async ValueTask ApplyAsync(DeskContext context) => _result = await apply(context).ConfigureAwait(false);

    public override void Complete() => _completion.TrySetResult(_result);

    public override void Fail(Exception error) => _completion.TrySetException(error);

    public override void Refuse(string message) => _completion.TrySetResult(DeskResult<T>.Unavailable(message));
}
