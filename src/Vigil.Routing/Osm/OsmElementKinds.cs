namespace Vigil.Routing.Osm;

/// <summary>Which element kinds a pass over a PBF file needs; the reader skips the others without decoding them.</summary>
[Flags]
public enum OsmElementKinds
{
    None = 0,
    Nodes = 1,
    Ways = 2,
    Relations = 4,
    All = Nodes | Ways | Relations,
}
