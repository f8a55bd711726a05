using BenchmarkDotNet.Attributes;
using Vigil.Alerting.Geo;

namespace Vigil.Benchmarks.Alerting;

/// <summary>
/// Geo-targeted delivery: 1,000,000 subscriptions over a 33 × 32 km city (95% home points, 4% circles of up to 3 km,
/// 1% small polygons) matched against a plume-shaped 12-vertex alert polygon covering about a tenth of the city, or a
/// 1 km circle around a gas leak. Baseline: testing every subscription.
/// </summary>
[MemoryDiagnoser]
public class SubscriberMatchBenchmarks
{
    private SubscriberIndex _index = null!;
    private AlertFootprint _plume = null!;
    private readonly List<int> _matches = new(1_000_000);

    [Params(1_000_000)]
    public int Subscribers { get; set; }

    [Params("plume", "leak-1km")]
    public string Alert { get; set; } = "plume";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var builder = new SubscriberIndexBuilder();
        for (var i = 0; i < Subscribers; i++)
        {
            var lat = 45.40 + (random.NextDouble() * 0.30);
            var lon = -122.80 + (random.NextDouble() * 0.40);
            var kind = random.Next(100);
            if (kind < 95)
            {
                builder.AddPoint(i, new GeoPoint(lat, lon));
            }
            else if (kind < 99)
            {
                builder.AddCircle(i, new GeoCircle(new GeoPoint(lat, lon), random.NextDouble() * 3));
            }
            else
            {
                var d = random.NextDouble() * 0.02;
                builder.AddPolygon(i, [new(lat, lon), new(lat + d, lon), new(lat + d, lon + d), new(lat, lon + d), new(lat, lon)]);
            }
        }

        _index = builder.Build();
        var ring = new GeoPoint[13];
        for (var k = 0; k < 12; k++)
        {
            // An elongated plume drifting north-east from 45.50,-122.70.
            var angle = k * Math.PI / 6;
            ring[k] = new GeoPoint(45.55 + (0.05 * Math.Sin(angle)) + (0.03 * Math.Cos(angle)), -122.62 + (0.10 * Math.Cos(angle)));
        }

        ring[12] = ring[0];
        _plume = Alert == "plume"
            ? new AlertFootprint().AddPolygon(ring)
            : new AlertFootprint().AddCircle(new GeoCircle(new GeoPoint(45.55, -122.60), 1.0));
    }

    [Benchmark(Baseline = true)]
    public int FullScan()
    {
        _matches.Clear();
        _index.MatchByScan(_plume, _matches);
        return _matches.Count;
    }

    [Benchmark]
    public int GridIndex()
    {
        _matches.Clear();
        _index.Match(_plume, _matches);
        return _matches.Count;
    }
}
