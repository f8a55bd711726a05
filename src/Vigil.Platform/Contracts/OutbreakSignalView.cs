namespace Vigil.Platform.Contracts;

/// <summary>
/// A period whose count exceeds what the detection method expected: the observed count, the method's upper bound, and
/// the method (ears-c1, ears-c2, ears-c3, farrington), and the count the method expected (null where it gives none).
/// </summary>
public sealed record OutbreakSignalView(string Syndrome, string District, CountPeriod Period, DateOnly Start, string Method, int Observed, double UpperBound, double? Expected = null);
