namespace Vigil.Forecasting.Evaluation;

/// <summary>Sees each backtest window: its origin, the cells ranked best first, the observed counts and the raw scores.</summary>
public delegate void WindowObserver(double originDay, ReadOnlySpan<int> ranking, ReadOnlySpan<int> observedCounts, ReadOnlySpan<double> scores);
