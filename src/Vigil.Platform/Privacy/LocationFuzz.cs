using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Vigil.Domain.Geo;

namespace Vigil.Platform.Privacy;

/// <summary>
/// Coarsens a sensitive report's public location to a 50 m cell. Each report gets its own grid, shifted by a hash of
/// its ticket, and the public point is the centre of the cell the true point falls in. The same report always shows
/// the same point (no averaging of repeated looks), the point is within 36 m (half the cell's diagonal) of the truth,
/// and knowing the ticket and this code reveals only the cell, never the position inside it.
/// </summary>
public static class LocationFuzz
{
    public const double CellMetres = 50;
    private const double EarthRadiusMetres = 6_371_008.8;

    public static GeoPoint Fuzz(GeoPoint point, string ticket)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticket);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("vigil.report.fuzz:" + ticket), hash);
        var shiftNorth = BinaryPrimitives.ReadUInt32LittleEndian(hash) / (double)uint.MaxValue * CellMetres;
        var shiftEast = BinaryPrimitives.ReadUInt32LittleEndian(hash[4..]) / (double)uint.MaxValue * CellMetres;

        // Metres on a local flat grid (north from the equator, east from the meridian); at city scale the flat-earth
        // error is far below the cell size.
        const double metresPerDegreeLat = EarthRadiusMetres * Math.PI / 180;
        var north = point.Lat * metresPerDegreeLat;
        var cellNorth = (Math.Floor((north - shiftNorth) / CellMetres) + 0.5) * CellMetres + shiftNorth;
        var snappedLat = cellNorth / metresPerDegreeLat;

        var metresPerDegreeLon = Math.Cos(snappedLat * Math.PI / 180) * metresPerDegreeLat;
        var east = point.Lon * metresPerDegreeLon;
        var cellEast = (Math.Floor((east - shiftEast) / CellMetres) + 0.5) * CellMetres + shiftEast;
        return new GeoPoint(snappedLat, cellEast / metresPerDegreeLon);
    }
}
