using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Alerting.AirQuality;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Geo;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Configuration;
using Vigil.Server.Web;

namespace Vigil.Server.Alerts;

/// <summary>
/// Watches air quality by district and, when a district reaches "Unhealthy for Sensitive Groups" or worse, prepares a
/// CAP Health advisory for its area as a draft for a supervisor to approve (or issues it, when the city's policy says
/// so). A district that already has an advisory pending or in force gets no second one.
/// </summary>
public sealed partial class AirQualityAdvisories(
    DistrictAirQuality air,
    ICityMapStore maps,
    IAlertStore alerts,
    AlertDesk desk,
    IOptions<AlertingOptions> options,
    TimeProvider time,
    ILogger<AirQualityAdvisories> logger) : BackgroundService
{
    public const string Author = "air-quality-monitor";
    public const string AutoIssuer = "policy:air-quality-auto-issue";
    private readonly SemaphoreSlim _checking = new(1, 1);

    /// <summary>Checks every district once; returns the advisories drafted (or issued) by this check.</summary>
    public async Task<IReadOnlyList<AlertView>> CheckAsync(CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var layers = await maps.LoadAsync(cancellationToken).ConfigureAwait(false);
            if (layers is null || layers.Districts.Count == 0)
            {
                return [];
            }

            var snapshot = await air.GetAsync(cancellationToken).ConfigureAwait(false);
            var covered = await CoveredDistrictsAsync(cancellationToken).ConfigureAwait(false);
            var policy = new AqiAdvisoryPolicy { Sender = options.Value.Sender, SenderName = options.Value.SenderName, AutoIssue = options.Value.AirQualityAutoIssue };
            var proposed = new List<AlertView>();
            foreach (var district in snapshot.Districts)
            {
                if (district.Pm25 is not { } pm25 || covered.Contains(district.Name) || Ring(layers, district.Name) is not { } ring)
                {
                    continue;
                }

                if (!AqiCalculator.TryCalculate(AqiPollutant.Pm25, pm25, out var reading, out _))
                {
                    continue;
                }

                var area = new CapArea { AreaDesc = district.Name, Polygons = [CapGeometry.FormatPolygon(ring)] };
                if (!AqiAdvisor.TryPropose(district.Name, area, reading, policy, desk.NewIdentifier(), time.GetUtcNow(), out var advisory, out var findings))
                {
                    Log.AdvisoryInvalid(logger, district.Name, string.Join("; ", findings));
                    continue;
                }

                if (advisory is null)
                {
                    continue;
                }

                var (draft, _) = await desk.ProposeAsync(advisory.Alert, Author, cancellationToken).ConfigureAwait(false);
                if (draft is null)
                {
                    continue;
                }

                Log.Proposed(logger, district.Name, reading.Aqi, draft.Id);
                if (advisory.IssueAutomatically)
                {
                    var issued = await desk.ApproveAsync(draft.Id, AutoIssuer, cancellationToken).ConfigureAwait(false);
                    draft = issued.Value ?? draft;
                }

                proposed.Add(draft);
            }

            return proposed;
        }
        finally
        {
            _checking.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AirQualityCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.CheckFailed(logger, ex);
            }
        }
    }

    /// <summary>Districts with a Health advisory awaiting approval or in force.</summary>
    private async Task<HashSet<string>> CoveredDistrictsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var status in new[] { AlertStatus.Pending, AlertStatus.Issued })
        {
            foreach (var alert in await alerts.ListAsync(status, 1000, cancellationToken).ConfigureAwait(false))
            {
                var open = alert.Status == AlertStatus.Pending ? alert.Expires is not { } e || e > now : AlertViews.IsActive(alert, now);
                if (open && alert.Category == nameof(CapCategory.Health) && alert.Areas.Count > 0)
                {
                    covered.Add(alert.Areas[0].Description);
                }
            }
        }

        return covered;
    }

    private static List<GeoPoint>? Ring(CityLayers layers, string name)
    {
        foreach (var district in layers.Districts)
        {
            if (district.Name == name && district.Ring.Count >= 3)
            {
                // Map rings leave the first point unrepeated; CAP polygons are closed.
                var ring = new List<GeoPoint>(district.Ring.Count + 1);
                foreach (var p in district.Ring)
                {
                    ring.Add(new GeoPoint(p.Lat, p.Lon));
                }

                ring.Add(ring[0]);
                return ring;
            }
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Air-quality advisory drafted for {District} (AQI {Aqi}) as alert {AlertId}")]
        public static partial void Proposed(ILogger logger, string district, int aqi, string alertId);

        [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Air-quality advisory for {District} could not be built: {Findings}")]
        public static partial void AdvisoryInvalid(ILogger logger, string district, string findings);

        [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Air-quality advisory check failed; it will be retried")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
