using Vigil.Platform.Operations;

namespace Vigil.Platform.Ports;

/// <summary>
/// Operator commands to the operations desk, wherever it runs. On one node the desk itself answers; with several nodes
/// the messaging adapter runs a command here when this node holds the desk, and otherwise forwards it to the node
/// that does and returns that desk's answer.
/// </summary>
public interface IDeskCommandChannel
{
    /// <summary>
    /// Runs the command once and returns the desk's answer; <see cref="DeskFailure.Unavailable"/> when no desk
    /// answered in time, in which case the command was not applied, or (rarely, see docs/architecture.md) its outcome is
    /// unknown.
    /// </summary>
    Task<DeskReply> SendAsync(DeskCommand command, CancellationToken cancellationToken);
}
