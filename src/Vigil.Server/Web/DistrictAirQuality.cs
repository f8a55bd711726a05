using Vigil.Alerting.AirQuality;
using Vigil.Domain.Devices;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Server.Web;

/// <summary>
/// Air quality per district for the public map: the mean of each air-quality sensor's latest PM2.5 reading in the
/// district, with the AQI category it falls in. It is an indication of air right now, not the official 24-hour or
/// NowCast AQI, and the portal says so. Cached briefly because anyone may ask, without signing in.
/// </summary>
public sealed class DistrictAirQuality(ICityMapStore maps, DeviceRegistry devices, IObservationStore observations, TimeProvider time)
{
    private const string Quantity = "pm25";

    // Sensors report every few seconds; a reading older than this says nothing about the air now.
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _cached;

    public sealed record District(string Name, double? Pm25, int Sensors, int? Aqi, string? Category, string? Color);

    public sealed record Snapshot(DateTimeOffset UpdatedAt, string Basis, IReadOnlyList<District> Districts);

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cached is { } fresh && now - fresh.UpdatedAt < CacheFor)
        {
            return fresh;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && now - again.UpdatedAt < CacheFor)
            {
                return again;
            }

            _cached = await ComputeAsync(now, cancellationToken).ConfigureAwait(false);
            return _cached;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<Snapshot> ComputeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var layers = await maps.LoadAsync(cancellationToken).ConfigureAwait(false);
        var districts = layers?.Districts ?? [];
        var sums = new double[districts.Count];
        var counts = new int[districts.Count];
        var from = (now - Freshness).ToUnixTimeMilliseconds();
        var to = now.ToUnixTimeMilliseconds();
        foreach (var entry in devices.All)
        {
            var device = entry.Device;
            if (device.Kind != DeviceKind.AirQuality)
            {
                continue;
            }

            var quantity = device.IndexOfQuantity(Quantity);
            var district = quantity < 0 ? -1 : IndexOfDistrict(districts, device.Location.Lat, device.Location.Lon);
            if (district < 0)
            {
                continue;
            }

            var rows = await observations.ReadAsync(entry.Ordinal, quantity, from, to, 100_000, cancellationToken).ConfigureAwait(false);
            if (rows.Count > 0)
            {
                sums[district] += rows[^1].Value;
                counts[district]++;
            }
        }

        var result = new List<District>(districts.Count);
        for (var i = 0; i < districts.Count; i++)
        {
            if (counts[i] == 0)
            {
                result.Add(new District(districts[i].Name, null, 0, null, null, null));
                continue;
            }

            var mean = Math.Round(sums[i] / counts[i], 1);
            result.Add(AqiCalculator.TryCalculate(AqiPollutant.Pm25, mean, out var aqi, out _)
                ? new District(districts[i].Name, mean, counts[i], aqi.Aqi, aqi.CategoryName, aqi.Color)
                : new District(districts[i].Name, mean, counts[i], null, null, null));
        }

        return new Snapshot(now, "Mean of each sensor's latest PM2.5 reading (last 15 minutes), on the US EPA AQI scale", result);
    }

    /// <summary>The district whose ring contains the point (even-odd rule), or -1.</summary>
    internal static int IndexOfDistrict(IReadOnlyList<MapDistrict> districts, double lat, double lon)
    {
        for (var d = 0; d < districts.Count; d++)
        {
            var ring = districts[d].Ring;
            var inside = false;
            for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            {
                var (yi, xi, yj, xj) = (ring[i].Lat, ring[i].Lon, ring[j].Lat, ring[j].Lon);
                if ((yi > lat) != (yj > lat) && lon < ((xj - xi) * (lat - yi) / (yj - yi)) + xi)
                {
                    inside = !inside;
                }
            }

            if (inside)
            {
                return d;
            }
        }

        return -1;
    }
}
