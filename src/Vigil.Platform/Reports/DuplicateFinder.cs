using Vigil.Platform.Contracts;

namespace Vigil.Platform.Reports;

/// <summary>
/// Suggests which other reports describe the same problem: same category, within <see cref="RadiusMetres"/> and
/// <see cref="WindowHours"/> of each other, ranked by a score that mixes closeness and text similarity. Suggestions
/// only: an operator decides whether to merge.
/// </summary>
public sealed class DuplicateFinder(double radiusMetres = DuplicateFinder.DefaultRadiusMetres, double windowHours = DuplicateFinder.DefaultWindowHours)
{
    public const double DefaultRadiusMetres = 150;
    public const double DefaultWindowHours = 72;

    public double RadiusMetres => radiusMetres;

    public double WindowHours => windowHours;

    public IReadOnlyList<DuplicateSuggestion> Find(ReportView report, IReadOnlyList<ReportView> candidates, int limit)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(candidates);
        var found = new List<DuplicateSuggestion>();
        foreach (var other in candidates)
        {
            if (string.Equals(other.Ticket, report.Ticket, StringComparison.Ordinal)
                || !string.Equals(other.Category, report.Category, StringComparison.Ordinal)
                || other.DuplicateOf is not null
                || Math.Abs((other.CreatedAt - report.CreatedAt).TotalHours) > windowHours)
            {
                continue;
            }

            // Reports with only a typed place can still match on text, but the map point is the stronger evidence.
            double? metres = report.Location is { } a && other.Location is { } b ? a.ToPoint().DistanceTo(b.ToPoint()) : null;
            if (metres > radiusMetres)
            {
                continue;
            }

            var text = TextSimilarity.Trigram(report.Description, other.Description);
            var place = report.LocationText is { } lt && other.LocationText is { } olt ? TextSimilarity.Trigram(lt, olt) : 0;
            var closeness = metres is { } m ? 1 - (m / radiusMetres) : place;
            var score = (0.5 * closeness) + (0.5 * Math.Max(text, place * 0.5));
            if (metres is null && place < 0.3 && text < 0.3)
            {
                continue;
            }

            found.Add(new DuplicateSuggestion(other.Ticket, Math.Round(score, 3), metres is { } d ? Math.Round(d, 1) : null, Math.Round(text, 3), other.Status, other.CreatedAt));
        }

        found.Sort((x, y) => y.Score.CompareTo(x.Score));
        return found.Count > limit ? found.GetRange(0, limit) : found;
    }
}

/// <summary>A report that may be the same problem, with the evidence: distance in metres (when both have a map point) and text similarity (0-1).</summary>
public sealed record DuplicateSuggestion(string Ticket, double Score, double? DistanceMetres, double TextSimilarity, Domain.Reports.ReportStatus Status, DateTimeOffset CreatedAt);
