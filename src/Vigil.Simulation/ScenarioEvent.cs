namespace Vigil.Simulation;

/// <summary>
/// Something happening in the simulated city: for a time window, some devices read a quantity from a profile instead
/// of their normal values. <see cref="Profile"/> maps the seconds since the event began to a reading.
/// </summary>
public sealed record ScenarioEvent(
    string Name,
    string IncidentType,
    TimeSpan Start,
    TimeSpan Duration,
    IReadOnlySet<string> DeviceIds,
    string Quantity,
    Func<double, double> Profile)
{
    public bool IsActive(TimeSpan elapsed) => elapsed >= Start && elapsed < Start + Duration;
}
