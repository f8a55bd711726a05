using System.ComponentModel.DataAnnotations;

namespace Vigil.Platform.Configuration;

/// <summary>How long raw observations and camera detection batches are kept (section "Vigil:Retention").</summary>
public sealed class RetentionOptions
{
    public const string Section = "Vigil:Retention";

    [Range(1, 3650)]
    public int ObservationDays { get; set; } = 30;

    /// <summary>
    /// Days a camera's stored detection batches are kept. Shorter than observations by default: the boxes carry no
    /// identity, but they are still movements of people in public space, kept only to replay or audit recent tracking
    /// (data minimisation, GDPR Art. 5(1)(e)); the events and alarms drawn from them are kept with the operations record.
    /// </summary>
    [Range(1, 3650)]
    public int DetectionDays { get; set; } = 7;

    /// <summary>
    /// Hours the desk remembers the ids (and replies) of forwarded commands it applied. A command comes again only
    /// within seconds (its caller's one retry, or a redelivery to the next desk holder, both bounded by
    /// <c>Vigil:Bus:DeskCommandTimeout</c>), so a day is a wide margin for clocks and outages while the table stays small.
    /// </summary>
    [Range(1, 8760)]
    public int DeskCommandHours { get; set; } = 24;

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
