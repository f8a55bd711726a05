namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>An object staying in a zone longer than <see cref="MinDwell"/>. One event per presence.</summary>
public sealed record LoiteringRule(string Id, string ZoneId, TimeSpan MinDwell) : BehaviourRule(Id, ZoneId);
