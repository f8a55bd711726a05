using Vigil.Detection.Rules;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Pipeline;

/// <summary>
/// A request for a device quantity's expected band. It travels to the partition that owns the device's rule state
/// and is answered there, so the state is never read from another thread.
/// </summary>
internal sealed class BandQuery(DeviceEntry device, int quantityIndex)
{
    private readonly TaskCompletionSource<ExpectedBand?> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeviceEntry Device { get; } = device;

    public int QuantityIndex { get; } = quantityIndex;

    public Task<ExpectedBand?> Answer => _answer.Task;

    public void Reply(ExpectedBand? band) => _answer.TrySetResult(band);
}
