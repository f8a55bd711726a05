using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Routing.Search;
using Route = Vigil.Routing.Search.Route;

namespace Vigil.Server.Routing;

/// <summary>A GeoJSON LineString ([lon, lat] positions, RFC 7946).</summary>
public sealed record LineStringGeometry(string Type, IReadOnlyList<double[]> Coordinates)
{
    public static LineStringGeometry Of(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var coordinates = new double[route.Geometry.Count][];
        for (var i = 0; i < coordinates.Length; i++)
        {
            var p = route.Geometry[i];
            coordinates[i] = [Math.Round(p.Lon, 7), Math.Round(p.Lat, 7)];
        }

        return new LineStringGeometry("LineString", coordinates);
    }
}

/// <summary>A GeoJSON Polygon as requests send it: rings of [lon, lat] positions, the first ring the outer one.</summary>
public sealed record PolygonGeometry(string? Type, IReadOnlyList<IReadOnlyList<double[]>>? Coordinates);

public sealed record RouteView(GeoView From, GeoView To, double DistanceMeters, double DurationSeconds, LineStringGeometry Geometry)
{
    public static RouteView Of(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var first = route.Geometry[0];
        var last = route.Geometry[^1];
        return new RouteView(new GeoView(first.Lat, first.Lon), new GeoView(last.Lat, last.Lon),
            Math.Round(route.DistanceMeters, 1), Math.Round(route.DurationSeconds, 1), LineStringGeometry.Of(route));
    }
}

public sealed record UnitRecommendation(int Rank, UnitView Unit, double EtaSeconds, double DistanceMeters, LineStringGeometry Route);

/// <summary>Units of a suitable kind ranked by travel time on the live road network; <c>UnitsOffRoad</c> could not be placed on a road.</summary>
public sealed record RecommendationsView(
    long IncidentId,
    string IncidentType,
    IReadOnlyList<UnitKind> SuitableKinds,
    int CandidateUnits,
    int UnitsOffRoad,
    IReadOnlyList<UnitRecommendation> Units);

public sealed record ShelterRequest(string? Name, GeoView? Location);

public sealed record EvacuationRequest(PolygonGeometry? Hazard, IReadOnlyList<ShelterRequest>? Shelters);

public sealed record ShelterSummary(int Index, string Name, bool Usable, int Evacuees);

public sealed record EvacuationSummary(
    int NodesInside,
    int Routed,
    int Unreachable,
    double MaxSeconds,
    double MeanSeconds,
    IReadOnlyList<ShelterSummary> Shelters);

public sealed record EvacuationRouteProperties(int Node, int Shelter, double DurationSeconds, double DistanceMeters);

public sealed record EvacuationRouteFeature(string Type, LineStringGeometry Geometry, EvacuationRouteProperties Properties);

/// <summary>A GeoJSON FeatureCollection of evacuation routes with a summary member.</summary>
public sealed record EvacuationView(string Type, EvacuationSummary Summary, IReadOnlyList<EvacuationRouteFeature> Features);
