namespace Vigil.Platform.Operations;

/// <summary>
/// Whether this node holds the operations desk. A single node always does; with several nodes the messaging adapter
/// grants and revokes it, so that one desk at a time correlates alarms into incidents. Each grant starts a new
/// generation, and the desk reloads its working set from storage when it sees one, since another node may have
/// committed changes while this one did not hold the desk.
/// </summary>
public sealed class DeskLease
{
    private int _held;
    private long _generation;

    public DeskLease(bool held)
    {
        _held = held ? 1 : 0;
        _generation = held ? 1 : 0;
    }

    public bool IsHeld => Volatile.Read(ref _held) == 1;

    public long Generation => Interlocked.Read(ref _generation);

    public void Grant()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _held, 1);
    }

    public void Revoke() => Volatile.Write(ref _held, 0);
}
