using Vigil.Platform.Operations;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Tests;

/// <summary>A desk that records the commands it is sent and answers each with <c>answer</c>.</summary>
internal sealed class RecordingDesk(Func<DeskCommand, DeskReply> answer) : IDeskCommandChannel
{
    private readonly List<DeskCommand> _received = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<DeskCommand> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public Task<DeskReply> SendAsync(DeskCommand command, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _received.Add(command);
        }

        return Task.FromResult(answer(command));
    }
}
