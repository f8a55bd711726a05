using Vigil.Domain.Alarms;
using Vigil.Domain.Incidents;

namespace Vigil.Detection.Correlation;

/// <summary>
/// Decides whether a new alarm joins an open incident or opens a new one. Of the candidates within the radius and the
/// time window whose type is related, the nearest wins, so a cluster of sensors around one fire makes one incident.
/// </summary>
public sealed class IncidentCorrelator(CorrelationOptions options)
{
    private readonly CorrelationOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    public long? FindIncident(Alarm alarm, IEnumerable<CorrelationCandidate> openIncidents)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(openIncidents);
        if (alarm.IncidentType is null)
        {
            return null;
        }

        long? best = null;
        var bestDistance = double.MaxValue;
        foreach (var candidate in openIncidents)
        {
            if (!AreRelated(alarm.IncidentType, candidate.Type) || alarm.RaisedAt - candidate.LastActivity > _options.Window)
            {
                continue;
            }

            var distance = alarm.Location.DistanceTo(candidate.Location);
            if (distance <= _options.RadiusMetres && distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate.IncidentId;
            }
        }

        return best;
    }

    public bool AreRelated(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var group in _options.RelatedTypes)
        {
            if (Contains(group, a) && Contains(group, b))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Priority 1 (most urgent) for critical alarms down to 4 for informational ones.</summary>
    public static int PriorityFor(Severity severity) => severity switch
    {
        Severity.Critical => 1,
        Severity.Major => 2,
        Severity.Minor => 3,
        _ => 4,
    };

    private static bool Contains(IReadOnlyList<string> group, string type)
    {
        foreach (var t in group)
        {
            if (string.Equals(t, type, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
