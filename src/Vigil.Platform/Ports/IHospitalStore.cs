using Vigil.Platform.Hospitals;

namespace Vigil.Platform.Ports;

/// <summary>Hospitals that receive EMS patients, each stored whole with its last reported capacity.</summary>
public interface IHospitalStore
{
    /// <summary>All hospitals, ordered by id.</summary>
    Task<IReadOnlyList<HospitalView>> ListAsync(CancellationToken cancellationToken);

    Task<HospitalView?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Adds a hospital; false (and nothing written) when one with the same id exists.</summary>
    Task<bool> AddAsync(HospitalView hospital, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>Replaces a hospital's stored record (a capacity report); false when there is no such hospital.</summary>
    Task<bool> UpdateAsync(HospitalView hospital, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="UpdateAsync"/>, and appends the live-feed event announcing the change in the same transaction;
    /// returns the appended record for the caller to publish, or null (and nothing written) when there is no such hospital.
    /// </summary>
    Task<FeedRecord?> UpdateAndAnnounceAsync(HospitalView hospital, AuditRecord audit, string feedType, string feedJson, CancellationToken cancellationToken);
}
