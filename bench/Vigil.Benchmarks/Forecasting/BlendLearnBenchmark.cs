using BenchmarkDotNet.Attributes;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Benchmarks.Forecasting;

/// <summary>
/// One forecast of the learned blend from cold, which includes learning its weights (an inner backtest of 52 weekly
/// windows over the year before the origin, 11 members, 20 greedy steps), on 10,000 and 100,000 synthetic incidents,
/// beside one plain KDE forecast on the same history. Later forecasts within the re-learning interval cost about 11
/// KDE forecasts, since the weights are reused. The job is given on the command line (in-process, see docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class BlendLearnBenchmark
{
    private IncidentSet _incidents = null!;
    private ForecastGrid _grid = null!;
    private double[] _scores = [];

    [Params(10_000, 100_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _incidents = SyntheticCity.Generate(Events);
        _grid = new ForecastGrid(Region.Rectangle("city", 0, 0, SyntheticCity.Size, SyntheticCity.Size), 500);
        _scores = new double[_grid.CellCount];
    }

    [Benchmark(Baseline = true)]
    public double PlainKdeForecast()
    {
        new KernelDensityModel(1000).Forecast(_incidents, _grid, SyntheticCity.Days, 7, _scores);
        return _scores[0];
    }

    [Benchmark]
    public double BlendLearnAndForecast()
    {
        // The grid is in feet, as in Portland's EPSG:2913.
        ModelCatalog.Blend(0.3048).Forecast(_incidents, _grid, SyntheticCity.Days, 7, _scores);
        return _scores[0];
    }
}
