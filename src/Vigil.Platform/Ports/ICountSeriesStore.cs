using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>Health surveillance counts (syndrome × district, per day or week) for outbreak detection.</summary>
public interface ICountSeriesStore
{
    /// <summary>Stores each count, replacing an earlier count for the same series and period (late corrections are normal).</summary>
    Task UpsertAsync(IReadOnlyList<CountObservation> counts, CancellationToken cancellationToken);

    Task<IReadOnlyList<CountSeriesKey>> ListSeriesAsync(CancellationToken cancellationToken);

    /// <summary>The series' counts in time order.</summary>
    Task<IReadOnlyList<CountObservation>> ReadAsync(CountSeriesKey series, CancellationToken cancellationToken);
}
