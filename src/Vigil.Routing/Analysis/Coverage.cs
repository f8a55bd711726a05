using Vigil.Routing.Graph;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Analysis;

/// <summary>Coverage of a road network by a set of stations, NFPA 1710 style.</summary>
public static class Coverage
{
    /// <summary>NFPA 1710 (2020) §4.1.2.1: 240 s travel for the first engine, 480 s for the full first alarm.</summary>
    public static readonly int[] NfpaBandsSeconds = [240, 480];

    public static CoverageReport Compute(RoadGraph graph, ReadOnlySpan<int> arcWeights, ReadOnlySpan<SnapPoint> stations, ReadOnlySpan<int> bandsSeconds)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var search = new ReachSearch(graph);
        var limit = 0;
        foreach (var b in bandsSeconds)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(b);
            limit = Math.Max(limit, b * 1000);
        }

        search.Run(arcWeights, stations, limit);
        var total = search.TotalMeters();
        var bands = new List<CoverageBand>(bandsSeconds.Length);
        foreach (var b in bandsSeconds)
        {
            var reachable = search.ReachableMeters(b * 1000);
            bands.Add(new CoverageBand(b, reachable, total > 0 ? reachable / total : 0));
        }

        return new CoverageReport(total, bands);
    }
}
