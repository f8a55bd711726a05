namespace Vigil.Forecasting.Evaluation;

/// <summary>A model's backtest over one category and horizon: scores per flagged area and the PAI-vs-area curve.</summary>
public sealed record BacktestResult(
    string Model,
    string Category,
    double HorizonDays,
    int Windows,
    IReadOnlyList<AreaSummary> Areas,
    IReadOnlyList<double> CurveFractions,
    IReadOnlyList<double> CurveMeanPai);
