namespace Vigil.Platform.Ports;

/// <summary>A persisted live-feed event: its sequence number is the SSE event id that clients resume from.</summary>
public sealed record FeedRecord(long Seq, string Type, DateTimeOffset At, string Json);
