namespace Vigil.Platform.Operations;

/// <summary>
/// A health-count series whose latest periods, from <see cref="Since"/> on, were all reported and all within their
/// method's bound (<see cref="Periods"/> of them): the excess of any earlier period is over, and its open alarm clears.
/// Part of a <see cref="DeskCommand"/>, so it travels as JSON to the node that holds the desk.
/// </summary>
public sealed record OutbreakQuiet(string Syndrome, string District, string Period, DateOnly Since, int Periods);
