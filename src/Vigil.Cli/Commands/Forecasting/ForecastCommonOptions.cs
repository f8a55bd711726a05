using System.CommandLine;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Safeguards;

namespace Vigil.Cli.Commands.Forecasting;

/// <summary>Options shared by the forecast commands, and the audit log every run writes to.</summary>
internal sealed class ForecastCommonOptions
{
    public Option<string> Data { get; } = new("--data") { Description = "Incident CSV (time, location, category)", Required = true };

    public Option<string> Boundary { get; } = new("--boundary") { Description = "City boundary GeoJSON (WGS84, or EPSG:2913 with a crs member)", Required = true };

    public Option<string?> Districts { get; } = new("--districts") { Description = "District polygons GeoJSON for the disparity report" };

    public Option<string?> Crs { get; } = new("--crs") { Description = "Grid CRS: EPSG:2913, EPSG:326zz or UTM10N (default: the boundary's own, else its UTM zone)" };

    public Option<string> Cell { get; } = new("--cell") { Description = "Cell side, e.g. 500ft or 150m (NIJ: 250-600 ft)", DefaultValueFactory = _ => "500ft" };

    public Option<string[]> Category { get; } = new("--category") { Description = "Categories to use (default: all that the policy allows)", AllowMultipleArgumentsPerToken = true };

    public Option<string?> Justification { get; } = new("--justification") { Description = "Recorded reason for including discretion-driven categories (e.g. drug offences)" };

    public Option<string?> User { get; } = new("--user") { Description = "Who runs the forecast, for the audit log (default: the OS user)" };

    public Option<string> AuditLog { get; } = new("--audit-log") { Description = "JSON Lines file the run is appended to", DefaultValueFactory = _ => "forecast-audit.jsonl" };

    public void AddTo(Command command)
    {
        command.Add(Data);
        command.Add(Boundary);
        command.Add(Districts);
        command.Add(Crs);
        command.Add(Cell);
        command.Add(Category);
        command.Add(Justification);
        command.Add(User);
        command.Add(AuditLog);
    }

    /// <summary>Parses "500ft", "150m" or a bare number (in the grid unit) into grid units.</summary>
    public static bool TryCellSize(string text, Projection projection, out double size)
    {
        size = 0;
        var s = text.Trim().ToLowerInvariant();
        double perUnit = 0;
        if (s.EndsWith("ft", StringComparison.Ordinal))
        {
            perUnit = 0.3048;
            s = s[..^2];
        }
        else if (s.EndsWith('m'))
        {
            perUnit = 1;
            s = s[..^1];
        }

        if (!double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) || !(v > 0))
        {
            return false;
        }

        size = perUnit > 0 ? v * perUnit / projection.MetresPerUnit : v;
        return true;
    }

    /// <summary>Applies the category policy to the requested (or all) categories.</summary>
    public static CategoryDecision Categories(IncidentSet incidents, string[]? requested, string? justification, out string? error)
    {
        error = null;
        var names = new List<string>();
        if (requested is { Length: > 0 })
        {
            foreach (var r in requested)
            {
                foreach (var part in r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var i = incidents.CategoryIndex(part);
                    if (i < 0)
                    {
                        error = $"--category: '{part}' is not in the data (it has: {string.Join(", ", incidents.CategoryNames)}).";
                        return new CategoryDecision([], [], [], null);
                    }

                    names.Add(incidents.CategoryNames[i]);
                }
            }
        }
        else
        {
            names.AddRange(incidents.CategoryNames);
        }

        return CategoryPolicy.Decide(names, justification);
    }

    /// <summary>Appends the audit record; a run that cannot be audited does not run.</summary>
    public static bool TryAudit(ForecastAuditRecord record, string path, out string? error)
    {
        try
        {
            File.AppendAllText(path, record.ToJsonLine() + "\n");
            error = null;
            return true;
        }
        catch (IOException ex)
        {
            error = $"--audit-log: cannot write '{path}': {ex.Message}";
            return false;
        }
        catch (UnauthorizedAccessException ex)
        {
            error = $"--audit-log: cannot write '{path}': {ex.Message}";
            return false;
        }
    }

    public static ForecastAuditRecord Audit(string operation, ForecastInputs inputs, string? user, Dictionary<string, string> parameters, CategoryDecision decision)
    {
        using var stream = File.OpenRead(inputs.DataPath);
        var who = string.IsNullOrWhiteSpace(user) ? Environment.UserName : user;
        return ForecastAuditRecord.Create(TimeProvider.System, who, operation, inputs.DataPath, stream, parameters, decision);
    }
}
