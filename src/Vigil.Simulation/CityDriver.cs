using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Simulation;

/// <summary>
/// Streams the city's readings to a Vigil server through the real HTTP ingest, each device with its own key, the way
/// field devices do: one small batch per device per reporting interval.
/// </summary>
public sealed class CityDriver(HttpClient client, CityModel city, IReadOnlyDictionary<string, string> deviceKeys, Scenario scenario, TimeProvider time)
{
    private readonly Dictionary<string, long> _sequence = new(StringComparer.Ordinal);

    public long BatchesSent { get; private set; }

    public long ObservationsSent { get; private set; }

    public long Failures { get; private set; }

    /// <summary>Raised when a scripted or random event starts.</summary>
    public event Action<ScenarioEvent>? EventStarted;

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(city);
        var started = time.GetUtcNow();
        var announced = new HashSet<ScenarioEvent>();
        using var gate = new SemaphoreSlim(8);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            var now = time.GetUtcNow();
            var elapsed = now - started;
            scenario.Advance(elapsed);
            foreach (var e in scenario.Events)
            {
                if (e.IsActive(elapsed) && announced.Add(e))
                {
                    EventStarted?.Invoke(e);
                }
            }

            var sends = new List<Task>(city.Devices.Count);
            foreach (var device in city.Devices)
            {
                if (!deviceKeys.TryGetValue(device.Id, out var key))
                {
                    continue;
                }

                var body = new StringBuilder(160).Append(CultureInfo.InvariantCulture, $"{{\"batchId\":\"{device.Id}-{Next(device.Id)}\",\"observations\":[");
                for (var q = 0; q < device.Quantities.Count; q++)
                {
                    var quantity = device.Quantities[q].Name;
                    var value = scenario.Reading(device, quantity, elapsed, now);
                    body.Append(q == 0 ? string.Empty : ",")
                        .Append(CultureInfo.InvariantCulture, $"{{\"quantity\":\"{quantity}\",\"time\":\"{now.UtcDateTime:O}\",\"value\":{value:0.###}}}");
                }

                body.Append("]}");
                sends.Add(SendAsync(key, body.ToString(), device.Quantities.Count, gate, cancellationToken));
            }

            await Task.WhenAll(sends).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private long Next(string deviceId)
    {
        _sequence.TryGetValue(deviceId, out var n);
        _sequence[deviceId] = ++n;
        return n;
    }

    private async Task SendAsync(string key, string json, int observations, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/observations")
            {
                Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            lock (_sequence)
            {
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    BatchesSent++;
                    ObservationsSent += observations;
                }
                else
                {
                    Failures++;
                }
            }
        }
        catch (HttpRequestException)
        {
            // The server may be restarting; the next interval sends fresh readings.
            lock (_sequence)
            {
                Failures++;
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
