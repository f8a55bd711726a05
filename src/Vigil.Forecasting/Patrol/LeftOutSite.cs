namespace Vigil.Forecasting.Patrol;

/// <summary>A site no tour visits: its index in the planner's input, and why. <c>SoloTime</c> is its round trip from the nearest start plus its dwell.</summary>
public readonly record struct LeftOutSite(int Index, LeftOutReason Reason, double SoloTime);
