using Vigil.Forecasting.Safeguards;

namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// One model on one category and horizon: its chosen settings, backtest scores, the feedback-loop check of its last
/// forecast and the disparity report of that forecast (empty districts when none were given).
/// </summary>
public sealed record EvaluationOutcome(
    SelectedModel Selection,
    BacktestResult Backtest,
    FeedbackLoopStatus? FeedbackLoop,
    DisparityReport? Disparity,
    double SecondsTaken);
