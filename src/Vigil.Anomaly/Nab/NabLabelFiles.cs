using System.Text.Json;

namespace Vigil.Anomaly.Nab;

/// <summary>Reads NAB's <c>combined_windows.json</c> and <c>profiles.json</c>.</summary>
public static class NabLabelFiles
{
    /// <summary>
    /// Reads windows keyed by the data file's path relative to the data folder, with '/' separators.
    /// </summary>
    public static bool TryReadWindows(Stream json, out Dictionary<string, NabWindow[]> windows, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        windows = new Dictionary<string, NabWindow[]>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "expected an object keyed by data file";
                return false;
            }

            foreach (var file in document.RootElement.EnumerateObject())
            {
                if (file.Value.ValueKind != JsonValueKind.Array)
                {
                    error = $"'{file.Name}': expected an array of [start, end] pairs";
                    return false;
                }

                var list = new List<NabWindow>();
                foreach (var pair in file.Value.EnumerateArray())
                {
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                        || pair[0].ValueKind != JsonValueKind.String || pair[1].ValueKind != JsonValueKind.String
                        || !NabTimestamp.TryParse(pair[0].GetString(), out var start)
                        || !NabTimestamp.TryParse(pair[1].GetString(), out var end)
                        || end < start)
                    {
                        error = $"'{file.Name}': a window is not a [start, end] pair of timestamps in order";
                        return false;
                    }

                    list.Add(new NabWindow(start, end));
                }

                list.Sort((a, b) => a.StartTicks.CompareTo(b.StartTicks));
                windows[file.Name] = [.. list];
            }
        }

        error = null;
        return true;
    }

    /// <summary>Reads profiles shaped as <c>{ name: { CostMatrix: { tpWeight, fpWeight, fnWeight } } }</c>.</summary>
    public static bool TryReadProfiles(Stream json, out List<NabProfile> profiles, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        profiles = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "expected an object keyed by profile name";
                return false;
            }

            foreach (var profile in document.RootElement.EnumerateObject())
            {
                if (profile.Value.ValueKind != JsonValueKind.Object
                    || !profile.Value.TryGetProperty("CostMatrix", out var matrix)
                    || matrix.ValueKind != JsonValueKind.Object
                    || !TryGetWeight(matrix, "tpWeight", out var tp)
                    || !TryGetWeight(matrix, "fpWeight", out var fp)
                    || !TryGetWeight(matrix, "fnWeight", out var fn))
                {
                    error = $"profile '{profile.Name}': expected CostMatrix with numeric tpWeight, fpWeight and fnWeight";
                    return false;
                }

                profiles.Add(new NabProfile(profile.Name, tp, fp, fn));
            }
        }

        if (profiles.Count == 0)
        {
            error = "no profiles found";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryGetWeight(JsonElement matrix, string name, out double weight)
    {
        weight = 0;
        return matrix.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number
            && element.TryGetDouble(out weight) && double.IsFinite(weight) && weight >= 0;
    }
}
