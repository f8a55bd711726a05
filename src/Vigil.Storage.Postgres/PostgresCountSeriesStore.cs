using Npgsql;
using NpgsqlTypes;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresCountSeriesStore(PostgresDatabase database) : ICountSeriesStore
{
    public Task UpsertAsync(IReadOnlyList<CountObservation> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return database.WriteAsync(connection =>
        {
            foreach (var c in counts)
            {
                using var command = new NpgsqlCommand("""
                    INSERT INTO health_counts (syndrome, district, period, start_date, count) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (syndrome, district, period, start_date) DO UPDATE SET count = excluded.count
                    """, connection);
                command.Add(c.Syndrome).Add(c.District).Add(c.Period.ToString());
                command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = c.Start, NpgsqlDbType = NpgsqlDbType.Date });
                command.Add((int?)c.Count);
                command.ExecuteNonQuery();
            }

            return counts.Count;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<CountSeriesKey>> ListSeriesAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT DISTINCT syndrome, district, period FROM health_counts ORDER BY syndrome, district, period");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<CountSeriesKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new CountSeriesKey(reader.GetString(0), reader.GetString(1), Enum.Parse<CountPeriod>(reader.GetString(2))));
        }

        return keys;
    }

    public async Task<IReadOnlyList<CountObservation>> ReadAsync(CountSeriesKey series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        await using var command = database.DataSource.CreateCommand(
            "SELECT start_date, count FROM health_counts WHERE syndrome = $1 AND district = $2 AND period = $3 ORDER BY start_date");
        command.Add(series.Syndrome).Add(series.District).Add(series.Period.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new List<CountObservation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new CountObservation(series.Syndrome, series.District, series.Period, reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1)));
        }

        return counts;
    }
}
