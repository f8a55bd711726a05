namespace Vigil.Routing.Osm;

/// <summary>Receives the elements of an OSM file in file order. Spans and tags are valid only during the call.</summary>
public interface IOsmHandler
{
    /// <summary>A node; coordinates in units of 1e-7 degree.</summary>
    void Node(long id, int latE7, int lonE7, OsmTagList tags);

    void Way(long id, ReadOnlySpan<long> nodeRefs, OsmTagList tags);

    void Relation(long id, ReadOnlySpan<OsmMember> members, OsmTagList tags);
}
