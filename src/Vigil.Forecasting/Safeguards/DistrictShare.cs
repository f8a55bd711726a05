namespace Vigil.Forecasting.Safeguards;

/// <summary>
/// One district's shares: of the flagged area, of planned patrol time, of reported incidents, and of the city's area.
/// <see cref="FlaggedToIncidentRatio"/> above 1 means the district is flagged more than its share of incidents explains.
/// </summary>
public sealed record DistrictShare(string District, double AreaShare, double FlaggedShare, double PatrolShare, double IncidentShare)
{
    public double FlaggedToIncidentRatio => IncidentShare > 0 ? FlaggedShare / IncidentShare : (FlaggedShare > 0 ? double.PositiveInfinity : 0);

    public double PatrolToIncidentRatio => IncidentShare > 0 ? PatrolShare / IncidentShare : (PatrolShare > 0 ? double.PositiveInfinity : 0);
}
