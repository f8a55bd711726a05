using BenchmarkDotNet.Attributes;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Benchmarks.Forecasting;

/// <summary>
/// One forecast of the learned ranker from cold, which includes learning it (features of 52 weekly inner windows over
/// the year before the origin, six Poisson/logistic fits on the first half-year, one refit on the whole year), on
/// 10,000 and 100,000 synthetic incidents, beside one plain KDE forecast and one cold blend forecast on the same
/// history. The job is given on the command line (in-process, see docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class RankerLearnBenchmark
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
    public double RankerLearnAndForecast()
    {
        // The grid is in feet, as in Portland's EPSG:2913.
        ModelCatalog.Ranker(0.3048).Forecast(_incidents, _grid, SyntheticCity.Days, 7, _scores);
        return _scores[0];
    }
}
