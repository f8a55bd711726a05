using Vigil.Domain.Geo;

namespace Vigil.Simulation;

/// <summary>A demo camera: where it stands, and the scene it watches.</summary>
public sealed record SimulatedCamera(string Id, string Name, GeoPoint Location, CameraScene Scene)
{
    /// <summary>
    /// Two cameras: one on the square by the demo's first gunshot (so its running group joins that incident), one in
    /// another district running the same script a minute later.
    /// </summary>
    public static IReadOnlyList<SimulatedCamera> For(CityModel city, int seed)
    {
        ArgumentNullException.ThrowIfNull(city);
        return
        [
            new("CAM-001", "Camera Market Square", city.Centre.Offset(1500, 1600), new CameraScene(seed, TimeSpan.Zero)),
            new("CAM-002", "Camera Station Forecourt", city.Centre.Offset(-900, -700), new CameraScene(seed + 1, TimeSpan.FromSeconds(60))),
        ];
    }
}
