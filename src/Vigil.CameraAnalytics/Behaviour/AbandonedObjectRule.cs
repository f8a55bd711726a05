using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// An object of <see cref="BehaviourRule.Classes"/> (by default bags and suitcases) stationary longer than
/// <see cref="MinStationary"/> with no person within <see cref="OwnerRadiusMetres"/>. With a null radius the owner
/// check is off and the rule reports any long-stationary object, e.g. a car parked in a fire lane.
/// One event per stationary episode, and none for an episode at a spot already reported (see <see cref="StationaryOptions"/>).
/// </summary>
public sealed record AbandonedObjectRule(string Id, string? ZoneId, TimeSpan MinStationary) : BehaviourRule(Id, ZoneId)
{
    public static IReadOnlySet<ObjectClass> CarriedObjects { get; } =
        new HashSet<ObjectClass> { ObjectClass.Backpack, ObjectClass.Handbag, ObjectClass.Suitcase };

    public double? OwnerRadiusMetres { get; init; } = 3.0;

    public override bool NeedsGround => OwnerRadiusMetres is not null;
}
