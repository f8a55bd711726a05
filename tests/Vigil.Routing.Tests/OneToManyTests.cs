using Vigil.Routing.Cch;
using Vigil.Routing.Search;
using Vigil.Routing.Snapping;
using Vigil.Testing;

namespace Vigil.Routing.Tests;

public sealed class OneToManyTests
{
    [Fact]
    public void Ranking_returns_the_k_fastest_units_with_their_exact_etas()
    {
        var engine = CchCorrectnessTests.Grid(30, 30);
        var random = new Random(5);
        var units = CchCorrectnessTests.RandomSnaps(engine, 300, random);
        var incidents = CchCorrectnessTests.RandomSnaps(engine, 20, random);
        var ranker = new EtaRanker(engine.Graph);
        var query = engine.CreateQuery();

        foreach (var incident in incidents)
        {
            var ranked = ranker.Rank(engine.Metric.ArcWeightsMs, incident, units.ToArray(), 10);

            var all = new List<(int Eta, int Unit)>();
            for (var u = 0; u < units.Count; u++)
            {
                all.Add((query.DurationMs(engine.Metric, units[u], incident), u));
            }

            all.Sort();
            Assert.Equal(10, ranked.Count);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(all[i].Eta, ranked[i].EtaMs);
                Assert.Equal(ranked[i].EtaMs, query.DurationMs(engine.Metric, units[ranked[i].UnitIndex], incident));
            }
        }
    }

    [Fact]
    public void Ranked_unit_route_ends_at_the_incident_with_the_ranked_eta()
    {
        var engine = CchCorrectnessTests.Grid(20, 20);
        var random = new Random(9);
        var units = CchCorrectnessTests.RandomSnaps(engine, 50, random);
        var incident = CchCorrectnessTests.RandomSnaps(engine, 1, random)[0];
        var ranker = new EtaRanker(engine.Graph);

        var ranked = ranker.Rank(engine.Metric.ArcWeightsMs, incident, units.ToArray(), 5);
        foreach (var r in ranked)
        {
            var route = ranker.RouteOf(r, units[r.UnitIndex], incident);
            Assert.Equal(r.EtaMs, route.DurationMs);
            Assert.Equal(units[r.UnitIndex].Point, route.Geometry[0]);
            Assert.Equal(incident.Point, route.Geometry[^1]);
        }
    }

    [Fact]
    public void Asking_for_more_units_than_exist_returns_all_reachable()
    {
        var engine = CchCorrectnessTests.Grid(10, 10);
        var units = CchCorrectnessTests.RandomSnaps(engine, 4, new Random(1));
        var ranked = new EtaRanker(engine.Graph).Rank(engine.Metric.ArcWeightsMs, units[0], units.ToArray(), 10);
        Assert.Equal(4, ranked.Count);
        Assert.Equal(0, ranked[0].EtaMs);
    }

    [Fact]
    public void Table_equals_point_to_point_queries()
    {
        var engine = CchCorrectnessTests.Grid(30, 30);
        var random = new Random(12);
        var sources = CchCorrectnessTests.RandomSnaps(engine, 25, random).ToArray();
        var targets = CchCorrectnessTests.RandomSnaps(engine, 30, random).ToArray();
        var table = new CchTable(engine.Graph, engine.Topology).Compute(engine.Metric, sources, targets);
        var dijkstra = new DijkstraRouter(engine.Graph);

        for (var s = 0; s < sources.Length; s++)
        {
            for (var t = 0; t < targets.Length; t++)
            {
                Assert.Equal(dijkstra.DurationMs(sources[s], targets[t], engine.Metric.ArcWeightsMs), table[(s * targets.Length) + t]);
            }
        }
    }

    [DataFact("osm/malta-latest.osm.pbf")]
    public void Malta_ranking_of_a_thousand_units_matches_the_table()
    {
        using var stream = File.OpenRead(TestData.PathTo("osm/malta-latest.osm.pbf"));
        var engine = RoutingEngine.Create(new Import.OsmRoadGraphImporter(new Import.CarProfile()).Import(stream).Graph);
        var random = new Random(21);
        var units = CchCorrectnessTests.RandomSnaps(engine, 1000, random).ToArray();
        var incidents = CchCorrectnessTests.RandomSnaps(engine, 5, random).ToArray();
        var ranker = new EtaRanker(engine.Graph);
        var table = new CchTable(engine.Graph, engine.Topology).Compute(engine.Metric, units, incidents);

        for (var i = 0; i < incidents.Length; i++)
        {
            var ranked = ranker.Rank(engine.Metric.ArcWeightsMs, incidents[i], units, 10);
            var column = new List<int>();
            for (var u = 0; u < units.Length; u++)
            {
                if (table[(u * incidents.Length) + i] < CchMetric.Infinity)
                {
                    column.Add(table[(u * incidents.Length) + i]);
                }
            }

            column.Sort();
            for (var k = 0; k < ranked.Count; k++)
            {
                Assert.Equal(column[k], ranked[k].EtaMs);
            }
        }
    }
}
