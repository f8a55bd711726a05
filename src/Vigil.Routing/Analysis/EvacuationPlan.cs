namespace Vigil.Routing.Analysis;

/// <summary>
/// The outcome of an evacuation: a route per road node inside the hazard that can reach a shelter, the nodes that
/// cannot, how many evacuees each shelter receives, and the shelters that cannot be used (inside the hazard or off road).
/// </summary>
public sealed record EvacuationPlan(
    int NodesInside,
    IReadOnlyList<Evacuee> Routes,
    IReadOnlyList<int> Unreachable,
    IReadOnlyList<int> ShelterLoads,
    IReadOnlyList<int> UnusableShelters)
{
    public double MaxSeconds
    {
        get
        {
            double max = 0;
            foreach (var r in Routes)
            {
                max = Math.Max(max, r.Route.DurationSeconds);
            }

            return max;
        }
    }

    public double MeanSeconds
    {
        get
        {
            if (Routes.Count == 0)
            {
                return 0;
            }

            double sum = 0;
            foreach (var r in Routes)
            {
                sum += r.Route.DurationSeconds;
            }

            return sum / Routes.Count;
        }
    }
}
