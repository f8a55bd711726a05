using Vigil.Forecasting.Data;
using Vigil.Simulation;

namespace Vigil.Server.Tests;

/// <summary>The synthetic history that <c>vigil demo</c> and the forecasting tests serve.</summary>
public sealed class SyntheticIncidentHistoryTests
{
    private static readonly DateTimeOffset End = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Same_seed_gives_the_same_history_and_another_seed_a_different_one()
    {
        var city = CityGenerator.Generate(seed: 3, deviceCount: 7);

        var a = IncidentHistoryGenerator.Generate(city, seed: 5, End, days: 120);
        var b = IncidentHistoryGenerator.Generate(city, seed: 5, End, days: 120);
        var c = IncidentHistoryGenerator.Generate(city, seed: 6, End, days: 120);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void History_is_sorted_inside_the_window_and_the_city_and_reads_back_whole()
    {
        var city = CityGenerator.Generate(seed: 3, deviceCount: 7);
        var incidents = IncidentHistoryGenerator.Generate(city, seed: 5, End, days: 365);
        var lats = city.Districts.SelectMany(d => d.Ring).Select(p => p.Lat).ToList();
        var lons = city.Districts.SelectMany(d => d.Ring).Select(p => p.Lon).ToList();

        Assert.All(incidents, i => Assert.InRange(i.At, End.AddDays(-365), End));
        Assert.Equal(incidents.OrderBy(i => i.At).Select(i => i.At), incidents.Select(i => i.At));

        // Hotspot and near-repeat spread can reach a little past the districts' edge; 0.02 degrees is about 2 km.
        Assert.All(incidents, i => Assert.InRange(i.Location.Lat, lats.Min() - 0.02, lats.Max() + 0.02));
        Assert.All(incidents, i => Assert.InRange(i.Location.Lon, lons.Min() - 0.02, lons.Max() + 0.02));

        using var text = new StringWriter();
        IncidentHistoryGenerator.WriteCsv(incidents, text);
        var projection = Projection.Utm(Projection.UtmZoneOf(city.Centre.Lon), city.Centre.Lat >= 0);
        Assert.True(IncidentCsvReader.TryRead(new StringReader(text.ToString()), new IncidentCsvOptions { Projection = projection }, out var read, out var error), error);
        Assert.Equal(incidents.Count, read!.Incidents.Count);
        Assert.Equal(["burglary", "drug offence", "robbery", "vehicle theft"], read.Incidents.CategoryNames.Order(StringComparer.Ordinal));
    }
}
