using Vigil.Domain.Geo;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// Hands out device locations 20 km apart, so that alarms of different tests never fall within the correlation
/// radius of one another and each test sees only its own incidents.
/// </summary>
public static class TestPlaces
{
    private static readonly GeoPoint Origin = new(10, 10);
    private static int _next;

    public static GeoPoint Next()
    {
        var n = Interlocked.Increment(ref _next);
        return Origin.Offset((n / 100) * 20_000.0, (n % 100) * 20_000.0);
    }
}
