namespace Vigil.Server.Outbreaks;

/// <summary>The rules a reported health count must meet, shared by the JSON and CSV paths.</summary>
internal static class HealthCounts
{
    public static bool ValidName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Length <= 100;
}
