using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Domain.Units;

namespace Vigil.Simulation;

/// <summary>A generated city: streets, districts, sensors and response units.</summary>
public sealed record CityModel(
    string Name,
    GeoPoint Centre,
    IReadOnlyList<Street> Streets,
    IReadOnlyList<District> Districts,
    IReadOnlyList<SimulatedDevice> Devices,
    IReadOnlyList<SimulatedUnit> Units);

public sealed record Street(string Name, bool Arterial, IReadOnlyList<GeoPoint> Points);

public sealed record District(string Name, IReadOnlyList<GeoPoint> Ring);

public sealed record SimulatedDevice(string Id, string Name, DeviceKind Kind, GeoPoint Location, string AgencyId, string District, IReadOnlyList<QuantitySpec> Quantities);

public sealed record SimulatedUnit(string Id, string CallSign, UnitKind Kind, string AgencyId, GeoPoint Station);
