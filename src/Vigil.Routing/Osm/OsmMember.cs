namespace Vigil.Routing.Osm;

/// <summary>The kind of element a relation member refers to (OSM PBF <c>Relation.MemberType</c>).</summary>
public enum OsmMemberType
{
    Node = 0,
    Way = 1,
    Relation = 2,
}

/// <summary>One member of a relation: the referenced element and its role (e.g. <c>from</c>, <c>via</c>, <c>to</c>).</summary>
public readonly record struct OsmMember(OsmMemberType Type, long Id, string Role);
