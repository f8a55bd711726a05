using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteCountSeriesStore(SqliteDatabase database) : ICountSeriesStore
{
    private const string DateFormat = "yyyy-MM-dd";

    public Task UpsertAsync(IReadOnlyList<CountObservation> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO health_counts (syndrome, district, period, start_date, count) VALUES ($s, $d, $p, $t, $c)
                ON CONFLICT (syndrome, district, period, start_date) DO UPDATE SET count = excluded.count
                """;
            var syndrome = command.Parameters.Add("$s", SqliteType.Text);
            var district = command.Parameters.Add("$d", SqliteType.Text);
            var period = command.Parameters.Add("$p", SqliteType.Text);
            var start = command.Parameters.Add("$t", SqliteType.Text);
            var count = command.Parameters.Add("$c", SqliteType.Integer);
            command.Prepare();
            foreach (var c in counts)
            {
                syndrome.Value = c.Syndrome;
                district.Value = c.District;
                period.Value = c.Period.ToString();
                start.Value = c.Start.ToString(DateFormat, CultureInfo.InvariantCulture);
                count.Value = c.Count;
                command.ExecuteNonQuery();
            }

            return counts.Count;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CountSeriesKey>> ListSeriesAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT syndrome, district, period FROM health_counts ORDER BY syndrome, district, period";
        using var reader = command.ExecuteReader();
        var keys = new List<CountSeriesKey>();
        while (reader.Read())
        {
            keys.Add(new CountSeriesKey(reader.GetString(0), reader.GetString(1), Enum.Parse<CountPeriod>(reader.GetString(2))));
        }

        return Task.FromResult<IReadOnlyList<CountSeriesKey>>(keys);
    }

    public Task<IReadOnlyList<CountObservation>> ReadAsync(CountSeriesKey series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT start_date, count FROM health_counts WHERE syndrome = $s AND district = $d AND period = $p ORDER BY start_date";
        command.Parameters.AddWithValue("$s", series.Syndrome);
        command.Parameters.AddWithValue("$d", series.District);
        command.Parameters.AddWithValue("$p", series.Period.ToString());
        using var reader = command.ExecuteReader();
        var counts = new List<CountObservation>();
        while (reader.Read())
        {
            counts.Add(new CountObservation(series.Syndrome, series.District, series.Period,
                DateOnly.ParseExact(reader.GetString(0), DateFormat, CultureInfo.InvariantCulture), reader.GetInt32(1)));
        }

        return Task.FromResult<IReadOnlyList<CountObservation>>(counts);
    }
}
