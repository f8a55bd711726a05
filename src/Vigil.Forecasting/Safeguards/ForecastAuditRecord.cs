using System.Security.Cryptography;
using System.Text.Json;

namespace Vigil.Forecasting.Safeguards;

/// <summary>
/// Who ran a forecast, when, on which data (by SHA-256, so the exact file can be proven later) and with which
/// parameters, categories and justification. One JSON object per run, appended to an audit log by the host.
/// </summary>
public sealed record ForecastAuditRecord(
    string RunBy,
    DateTimeOffset At,
    string Operation,
    string DataSource,
    string DataSha256,
    long DataBytes,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> ExcludedCategories,
    string? Justification)
{
    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false };

    /// <summary>Hashes the data stream and stamps the record with the injected clock.</summary>
    public static ForecastAuditRecord Create(
        TimeProvider clock,
        string runBy,
        string operation,
        string dataSource,
        Stream data,
        IReadOnlyDictionary<string, string> parameters,
        CategoryDecision categories)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(categories);
        if (string.IsNullOrWhiteSpace(runBy))
        {
            throw new ArgumentException("An audited run needs the name of who ran it.", nameof(runBy));
        }

        var hash = SHA256.HashData(data);
        var excluded = new List<string>(categories.Excluded.Count);
        foreach (var (category, _) in categories.Excluded)
        {
            excluded.Add(category);
        }

        return new ForecastAuditRecord(
            runBy.Trim(),
            clock.GetUtcNow(),
            operation,
            dataSource,
            Convert.ToHexStringLower(hash),
            data.CanSeek ? data.Length : -1,
            parameters,
            categories.Allowed,
            excluded,
            categories.Justification);
    }

    /// <summary>The record as one line of JSON (JSON Lines).</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, LineOptions);
}
