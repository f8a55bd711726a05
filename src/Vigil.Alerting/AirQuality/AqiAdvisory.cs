using Vigil.Alerting.Cap;

namespace Vigil.Alerting.AirQuality;

/// <summary>A proposed health advisory: the CAP alert (category Health) and whether policy lets it go out by itself.</summary>
public sealed record AqiAdvisory(CapAlert Alert, AqiResult Reading, bool IssueAutomatically);
