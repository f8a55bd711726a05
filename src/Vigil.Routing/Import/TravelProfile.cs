using Vigil.Routing.Osm;

namespace Vigil.Routing.Import;

/// <summary>
/// How one way of travelling uses OSM ways: which ways, in which directions, how fast, which turn restrictions it
/// obeys and what turning round costs. The importer is the same for every profile; <see cref="CarProfile"/> is the
/// emergency vehicle on roads, <see cref="FootProfile"/> a guard on foot.
/// </summary>
public abstract class TravelProfile
{
    /// <summary>Short name, as given to <c>vigil city import --profile</c>: "car" or "foot".</summary>
    public abstract string Name { get; }

    /// <summary>Time lost turning round on a way, in milliseconds.</summary>
    public abstract int UTurnPenaltyMs { get; init; }

    /// <summary>Relation tags read, first present wins, for a turn restriction's value (<c>no_left_turn</c>, <c>only_straight_on</c>).</summary>
    public abstract IReadOnlyList<string> RestrictionKeys { get; }

    /// <summary>Values of <c>except=*</c> on a turn restriction that exempt this way of travelling.</summary>
    public abstract IReadOnlyList<string> RestrictionExemptions { get; init; }

    /// <summary>Decides how this traveller may use a way; false for ways it may not use at all.</summary>
    public abstract bool TryGetWay(OsmTagList tags, out WayRule rule);
}
