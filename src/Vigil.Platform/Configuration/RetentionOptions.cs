using System.ComponentModel.DataAnnotations;

namespace Vigil.Platform.Configuration;

/// <summary>How long raw observations are kept (section "Vigil:Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Vigil:Retention";

    [Range(1, 3650)]
    public int ObservationDays { get; set; } = 30;

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
