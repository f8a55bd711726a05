using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Domain.Geo;

namespace Vigil.Simulation;

/// <summary>
/// Drives the demo's units as crews would: a unit sent to an incident drives there along the road route the server
/// gives (a straight line where it has none), reporting its position every tick through <c>PATCH /api/v1/units/{id}</c>,
/// and reports itself on scene on arrival; a returning unit drives back to its station and becomes available. The
/// console sees them move on the live feed exactly as it would see real vehicles' position reports.
/// </summary>
public sealed class FleetDriver(HttpClient client, TimeProvider time)
{
    // Emergency driving in town when the route gives no duration: about 40 km/h.
    private const double FallbackSpeed = 11.0;

    private readonly Dictionary<string, Trip> _trips = new(StringComparer.Ordinal);

    public long PositionsSent { get; private set; }

    public long Arrivals { get; private set; }

    public async Task RunAsync(TimeSpan tick, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(tick, time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await StepAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The server may be restarting, busy or slow to answer; the next tick picks the fleet up where it is.
            }
        }
    }

    /// <summary>One tick: start trips for newly sent or returning units, move every unit on a trip, finish arrivals.</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        using var units = JsonDocument.Parse(await client.GetStringAsync("/api/v1/units", cancellationToken).ConfigureAwait(false));
        var now = time.GetUtcNow();
        var moving = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units.RootElement.EnumerateArray())
        {
            var id = unit.GetProperty("id").GetString()!;
            var status = unit.GetProperty("status").GetString();
            var here = Point(unit.GetProperty("location"));
            var destination = status switch
            {
                "Dispatched" or "EnRoute" when unit.TryGetProperty("incidentId", out var incident) && incident.ValueKind == JsonValueKind.Number =>
                    await IncidentLocationAsync(incident.GetInt64(), cancellationToken).ConfigureAwait(false),
                "Returning" => Point(unit.GetProperty("station")),
                _ => (GeoPoint?)null,
            };
            if (destination is not { } to)
            {
                continue;
            }

            moving.Add(id);
            // A trip lasts while the unit heads for the same place; a new incident or a recall starts a new one.
            var key = string.Create(CultureInfo.InvariantCulture, $"{(status == "Returning" ? "station" : "incident")}>{to.Lat:F6},{to.Lon:F6}");
            if (!_trips.TryGetValue(id, out var trip) || trip.Key != key)
            {
                trip = await PlanAsync(here, to, now, cancellationToken).ConfigureAwait(false) with { Key = key };
                _trips[id] = trip;
            }

            var travelled = (now - trip.Started).TotalSeconds * trip.Speed;
            var arrived = travelled >= trip.Length;
            var at = arrived ? to : Polyline.PointAt(trip.Line, travelled);
            var next = arrived ? (status == "Returning" ? "Available" : "OnScene") : (status == "Dispatched" ? "EnRoute" : null);
            using var response = await client.PatchAsJsonAsync(
                $"/api/v1/units/{Uri.EscapeDataString(id)}", new { status = next, location = new { lat = at.Lat, lon = at.Lon } }, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                PositionsSent++;
                if (arrived)
                {
                    Arrivals++;
                    _trips.Remove(id);
                }
            }
        }

        foreach (var id in new List<string>(_trips.Keys))
        {
            if (!moving.Contains(id))
            {
                _trips.Remove(id);
            }
        }
    }

    private async Task<GeoPoint?> IncidentLocationAsync(long incidentId, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/api/v1/incidents/{incidentId}", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var incident = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return Point(incident.RootElement.GetProperty("location"));
    }

    private async Task<Trip> PlanAsync(GeoPoint from, GeoPoint to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        using var response = await client.GetAsync(
            string.Create(c, $"/api/v1/routes?from={from.Lat},{from.Lon}&to={to.Lat},{to.Lon}"), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            using var route = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var line = new List<GeoPoint> { from };
            foreach (var xy in route.RootElement.GetProperty("geometry").GetProperty("coordinates").EnumerateArray())
            {
                line.Add(new GeoPoint(xy[1].GetDouble(), xy[0].GetDouble()));
            }

            line.Add(to);
            var length = Polyline.Length(line);
            var duration = route.RootElement.GetProperty("durationSeconds").GetDouble();
            return new Trip(string.Empty, line, length, now, duration > 0 ? Math.Max(1, length / duration) : FallbackSpeed);
        }

        // No road network, or a point off the roads: drive the straight line at a town speed.
        var straight = new List<GeoPoint> { from, to };
        return new Trip(string.Empty, straight, Polyline.Length(straight), now, FallbackSpeed);
    }

    private static GeoPoint Point(JsonElement e) => new(e.GetProperty("lat").GetDouble(), e.GetProperty("lon").GetDouble());

    private sealed record Trip(string Key, IReadOnlyList<GeoPoint> Line, double Length, DateTimeOffset Started, double Speed);
}
