using BenchmarkDotNet.Attributes;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Benchmarks.Forecasting;

/// <summary>
/// The self-exciting EM fit (with its documented cut-offs) on 10,000 and 100,000 synthetic incidents, beside the
/// plain KDE forecast on the same history as the cheap baseline. The budget: 100,000 events in under a minute
/// on one core.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class HawkesFitBenchmark
{
    private IncidentSet _incidents = null!;
    private ForecastGrid _grid = null!;
    private SelfExcitingOptions _options = null!;
    private double[] _scores = [];

    [Params(10_000, 100_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _incidents = SyntheticCity.Generate(Events);
        _grid = new ForecastGrid(Region.Rectangle("city", 0, 0, SyntheticCity.Size, SyntheticCity.Size), 500);
        _options = ModelCatalog.HawkesOptions(1000 * 0.3048 / 0.3048, 0.3048);
        _scores = new double[_grid.CellCount];
    }

    [Benchmark(Baseline = true)]
    public double PlainKdeForecast()
    {
        new KernelDensityModel(1000).Forecast(_incidents, _grid, SyntheticCity.Days, 14, _scores);
        return _scores[0];
    }

    [Benchmark]
    public double HawkesEmFit() => SelfExcitingFitter.Fit(_incidents, _grid, 0, SyntheticCity.Days, _options).Theta;
}
