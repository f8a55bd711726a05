using System.Xml.Linq;

namespace Vigil.Alerting.Cap;

/// <summary>
/// A CAP 1.2 alert message (OASIS Common Alerting Protocol Version 1.2, §3.2.1). Free-text and list-valued fields
/// (<c>references</c>, <c>addresses</c>, <c>incidents</c>) are kept as written so that round trips are exact and the
/// Section 3 rules can report on them; see <see cref="CapReference"/> for the parsed form of references.
/// </summary>
public sealed record CapAlert
{
    public required string Identifier { get; init; }

    public required string Sender { get; init; }

    public required DateTimeOffset Sent { get; init; }

    public required CapStatus Status { get; init; }

    public required CapMsgType MsgType { get; init; }

    public string? Source { get; init; }

    public required CapScope Scope { get; init; }

    public string? Restriction { get; init; }

    public string? Addresses { get; init; }

    public IReadOnlyList<string> Codes { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>Space-separated "sender,identifier,sent" triples naming earlier messages.</summary>
    public string? References { get; init; }

    public string? Incidents { get; init; }

    public IReadOnlyList<CapInfo> Infos { get; init; } = [];

    /// <summary>XML-DSig elements that followed the info blocks, kept verbatim so a signed alert is written back intact.</summary>
    public IReadOnlyList<XElement> Signatures { get; init; } = [];
}
