namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// Counts objects crossing the segment A→B, by direction. A crossing is counted when an object's confirmed side of
/// the line changes, and a side is confirmed only once the bottom centre is more than <see cref="Band"/> from the
/// line (pixels or metres per <see cref="Space"/>): a person standing on the line does not count back and forth.
/// </summary>
public sealed record LineCrossingRule(string Id, double Ax, double Ay, double Bx, double By) : BehaviourRule(Id, null)
{
    public CoordinateSpace Space { get; init; } = CoordinateSpace.Image;

    public double Band { get; init; } = 5;

    public override bool NeedsGround => Space == CoordinateSpace.Ground;
}
