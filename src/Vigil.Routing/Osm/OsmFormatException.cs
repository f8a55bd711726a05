namespace Vigil.Routing.Osm;

/// <summary>The input is not a readable OSM PBF file; the message names what is wrong.</summary>
public sealed class OsmFormatException : Exception
{
    public OsmFormatException()
    {
    }

    public OsmFormatException(string message)
        : base(message)
    {
    }

    public OsmFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
