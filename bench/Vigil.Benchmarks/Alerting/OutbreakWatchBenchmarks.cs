using BenchmarkDotNet.Attributes;
using Vigil.Alerting.Outbreak;

namespace Vigil.Benchmarks.Alerting;

/// <summary>
/// The detection step of the outbreak watch, for the series one upload touches: EARS C2 over N districts' daily
/// series of 90 days, and the improved Farrington method over N weekly series of 6 years, where the watch evaluates
/// only the latest 4 weeks. Baseline for Farrington: fitting every week after the first full baseline, as the on-request
/// signals did before they learned to start late.
/// </summary>
[MemoryDiagnoser]
public class OutbreakWatchBenchmarks
{
    private const int RecentWeeks = 4;
    private readonly FarringtonOptions _farrington = new() { Frequency = 52 };
    private double[][] _daily = null!;
    private double[][] _weekly = null!;

    [Params(20)]
    public int Series { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _daily = new double[Series][];
        _weekly = new double[Series][];
        for (var s = 0; s < Series; s++)
        {
            _daily[s] = new double[90];
            for (var t = 0; t < 90; t++)
            {
                _daily[s][t] = Poisson(random, 10 * (t % 7 == 0 ? 1.3 : 1.0));
            }

            _weekly[s] = new double[52 * 6];
            for (var t = 0; t < _weekly[s].Length; t++)
            {
                _weekly[s][t] = Poisson(random, 40 + (15 * Math.Sin(2 * Math.PI * t / 52)));
            }
        }
    }

    [Benchmark]
    public int EarsC2Daily()
    {
        var alarms = 0;
        foreach (var series in _daily)
        {
            foreach (var p in Ears.Detect(series, EarsMethod.C2))
            {
                alarms += p.Alarm ? 1 : 0;
            }
        }

        return alarms;
    }

    [Benchmark]
    public int FarringtonWeeklyRecent()
    {
        var alarms = 0;
        foreach (var series in _weekly)
        {
            foreach (var p in Farrington.Detect(series, _farrington, from: series.Length - RecentWeeks))
            {
                alarms += p.Alarm ? 1 : 0;
            }
        }

        return alarms;
    }

    [Benchmark(Baseline = true)]
    public int FarringtonWeeklyEveryWeek()
    {
        var alarms = 0;
        foreach (var series in _weekly)
        {
            foreach (var p in Farrington.Detect(series, _farrington))
            {
                alarms += p.Alarm ? 1 : 0;
            }
        }

        return alarms;
    }

    // Knuth's method; fine for the small means used here.
    private static double Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }
}
