using System.Globalization;
using System.Text;

namespace Vigil.ConsoleBench;

/// <summary>What one console benchmark run measured.</summary>
public sealed record ConsoleResult(IReadOnlyList<double> FirstRenderMs, long DeviceListBytes, double DeviceFetchMs, double RefreshMs, FrameStats Pan, string? LongFrames)
{
    public double MedianFirstRenderMs
    {
        get
        {
            var sorted = new double[FirstRenderMs.Count];
            for (var i = 0; i < sorted.Length; i++)
            {
                sorted[i] = FirstRenderMs[i];
            }

            Array.Sort(sorted);
            return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
        }
    }

    public string ToText(int devices, int incidents)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"console with {devices:N0} devices and {incidents:N0} open incidents, headless chromium 1600×900");
        var loads = new StringBuilder();
        foreach (var ms in FirstRenderMs)
        {
            loads.Append(c, $"{(loads.Length == 0 ? "" : ", ")}{ms:F0}");
        }

        text.AppendLine(c, $"first meaningful render: median {MedianFirstRenderMs:F0} ms (loads: {loads} ms)");
        text.AppendLine(c, $"device list: {DeviceListBytes / 1024.0:N0} KiB on the wire, fetched in {DeviceFetchMs:F0} ms");
        text.AppendLine(c, $"panning: {Pan.Frames} frames over {Pan.DurationMs / 1000:F1} s, refresh {RefreshMs:F1} ms; frame time p50 {Pan.P50:F1} ms, p95 {Pan.P95:F1} ms, max {Pan.Max:F1} ms; dropped frames {Pan.Dropped}");
        if (LongFrames is not null)
        {
            text.AppendLine(c, $"long animation frames of the last load [start, duration, before render, style and layout, scripts]: {LongFrames}");
        }

        return text.ToString();
    }
}
