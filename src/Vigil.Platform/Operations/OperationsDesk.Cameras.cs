using System.Globalization;
using Vigil.CameraAnalytics.Behaviour;
using Vigil.Domain.Alarms;
using Vigil.Platform.Cameras;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Operations;

public sealed partial class OperationsDesk
{
    /// <summary>
    /// Behaviour events from a camera's tracker become alarms placed where the object stood, and emergencies among them
    /// correlate with open incidents like any sensor alarm (a running crowd next to a gunshot joins the gunshot).
    /// The behaviour engine already reports each presence or episode once, so every event raises its own alarm.
    /// </summary>
    public ValueTask SubmitCameraSightingsAsync(DeviceEntry camera, CameraSighting[] sightings, long receivedTimestamp, CancellationToken cancellationToken)
    {
        var work = new DeskWork<int>(ctx => ApplySightings(ctx, camera, sightings, receivedTimestamp));
        return _inbox.Writer.WriteAsync(work, cancellationToken);
    }

    private ValueTask<DeskResult<int>> ApplySightings(DeskContext ctx, DeviceEntry camera, CameraSighting[] sightings, long receivedTimestamp)
    {
        foreach (var sighting in sightings)
        {
            var e = sighting.Event;
            if (!CameraAlarmPolicy.TryClassify(e.Kind, out var category, out var severity, out var incidentType))
            {
                continue;
            }

            var alarm = new Alarm
            {
                Id = ++ctx.LastAlarmId,

                // Prefixed so that a camera rule never shares an id, and so an open-alarm slot, with a sensor rule.
                RuleId = "camera:" + e.RuleId,
                DeviceId = camera.Device.Id,
                Quantity = e.Kind.ToString(),
                Category = category,
                Severity = severity,
                Location = sighting.Location,
                Explanation = Explain(e),
                IncidentType = incidentType,
                RaisedAt = ctx.Now,
                Camera = new CameraEvidence(e.RuleId, e.ZoneId, e.Kind.ToString(), e.Class.ToString(), e.TrackId,
                    e.Box.Left, e.Box.Top, e.Box.Width, e.Box.Height, e.Since, e.Time, e.Value),
            };
            ctx.OpenAlarms[alarm.Id] = alarm;
            if (receivedTimestamp != 0)
            {
                ctx.RaisedReceiptTimestamps.Add(receivedTimestamp);
            }

            if (alarm.IncidentType is not null)
            {
                Correlate(ctx, alarm, camera);
            }

            ctx.Save(alarm, "alarm.raised", "system", "alarm.raise", null);
        }

        return ValueTask.FromResult(DeskResult<int>.Ok(sightings.Length));
    }

    private static AlarmExplanation Explain(BehaviourEvent e)
    {
        var where = e.ZoneId is null ? "in view" : $"in zone {e.ZoneId}";
        var what = e.TrackId is { } id ? $"{e.Class} (track {id})" : $"{e.Class}s";
        var value = e.Value.ToString("0.#", CultureInfo.InvariantCulture);
        var since = e.Since.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var (expected, observed) = e.Kind switch
        {
            BehaviourKind.Intrusion => ($"nobody {where} while restricted", $"{what} entered {where} at {since}"),
            BehaviourKind.Loitering => ($"no one lingering {where} (rule {e.RuleId})", $"{what} stayed {where} for {value} s since {since}"),
            BehaviourKind.AbandonedObject => ($"no unattended objects {where} (rule {e.RuleId})", $"{what} stationary and unattended {where} for {value} s since {since}"),
            BehaviourKind.Crowd => ($"crowd below the limit {where} (rule {e.RuleId})", $"crowd at {value} (persons, or persons/m² for a density limit) {where} since {since}"),
            BehaviourKind.Running => ($"walking pace {where} (rule {e.RuleId})", $"{what} moving at {value} m/s {where} since {since}"),
            BehaviourKind.WrongWay => ($"movement in the allowed direction {where} (rule {e.RuleId})", $"{what} moving against it at {value} m/s since {since}"),
            _ => ($"rule {e.RuleId}", $"{what} {where}"),
        };
        return new AlarmExplanation(expected, observed, e.Value);
    }
}
