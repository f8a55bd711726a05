using System.Text.Json.Serialization;

namespace Vigil.Platform.Privacy;

/// <summary>
/// How a resident may be reached about a report. Optional, never public, and stored only sealed (see
/// <see cref="ContactCipher"/>); operators open it one report at a time, and each opening is audited.
/// </summary>
public sealed record ContactDetails(string? Name, string? Email, string? Phone)
{
    [JsonIgnore]
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone);
}
