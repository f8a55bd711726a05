namespace Vigil.Platform.Ports;

/// <summary>
/// A filtered read of residents' reports, newest first. Every filter is optional (null: no filter); an empty list
/// matches nothing.
/// </summary>
/// <param name="Tickets">Only these tickets.</param>
/// <param name="Categories">Only these categories.</param>
/// <param name="From">Created at or after.</param>
/// <param name="To">Created at or before.</param>
/// <param name="Open">True: received, in review or in progress; false: resolved or dismissed.</param>
/// <param name="Limit">At most this many.</param>
public sealed record ReportQuery(
    IReadOnlyList<string>? Tickets,
    IReadOnlyList<string>? Categories,
    DateTimeOffset? From,
    DateTimeOffset? To,
    bool? Open,
    int Limit);
