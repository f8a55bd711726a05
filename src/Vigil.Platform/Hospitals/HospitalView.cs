using Vigil.Platform.Contracts;

namespace Vigil.Platform.Hospitals;

/// <summary>
/// A hospital that receives patients from EMS, with its last reported capacity: the emergency department's status and
/// the free beds it reported, as of <paramref name="UpdatedAt"/> (by <paramref name="UpdatedBy"/>).
/// </summary>
public sealed record HospitalView(
    string Id,
    string Name,
    GeoView Location,
    EdStatus EdStatus,
    int FreeBeds,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    /// <summary>An ambulance may be sent there: the ED is open and at least one bed is free.</summary>
    public bool HasCapacity => EdStatus == EdStatus.Open && FreeBeds > 0;
}
