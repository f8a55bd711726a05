namespace Vigil.Forecasting.Safeguards;

/// <summary>The feedback-loop check of one forecast.</summary>
public sealed record FeedbackLoopStatus(double OriginDay, int Flagged, int Persistent, int Unexplained, bool Warning, string Message);
