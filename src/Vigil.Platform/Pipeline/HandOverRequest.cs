namespace Vigil.Platform.Pipeline;

/// <summary>
/// A request to one partition worker to save or forget the state of the devices it owns through one bus partition.
/// It travels behind the batches already queued, so those are evaluated (and acknowledged) before it is answered.
/// </summary>
internal sealed class HandOverRequest(int busPartition, PartitionHandOver kind)
{
    private readonly TaskCompletionSource<int> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int BusPartition { get; } = busPartition;

    public PartitionHandOver Kind { get; } = kind;

    /// <summary>The number of devices whose state the worker saved (or forgot, for <see cref="PartitionHandOver.Drop"/>).</summary>
    public Task<int> Done => _done.Task;

    public void Complete(int devices) => _done.TrySetResult(devices);
}
