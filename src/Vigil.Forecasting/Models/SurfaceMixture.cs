using System.Buffers;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// Mixes member forecasts as probability surfaces: each member is scaled to unit mass inside the city before its
/// weight applies, so a member that forecasts more incidents in total does not outweigh the others.
/// </summary>
internal static class SurfaceMixture
{
    /// <summary>Adds <c>weights[m]</c> times member <c>m</c>'s normalised surface to <paramref name="scores"/>; members with no weight are not run.</summary>
    public static void Add(
        IForecastModel[] members, IReadOnlyList<double> weights, IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores)
    {
        var buffer = ArrayPool<double>.Shared.Rent(grid.CellCount);
        try
        {
            var member = buffer.AsSpan(0, grid.CellCount);
            for (var m = 0; m < members.Length; m++)
            {
                // A member without weight adds nothing: skip its forecast, the costly part.
                if (weights[m] == 0)
                {
                    continue;
                }

                members[m].Forecast(history, grid, originDay, horizonDays, member);
                var mass = 0.0;
                foreach (var cell in grid.InsideCells)
                {
                    mass += member[cell];
                }

                if (mass <= 0)
                {
                    continue;
                }

                var scale = weights[m] / mass;
                foreach (var cell in grid.InsideCells)
                {
                    scores[cell] += member[cell] * scale;
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
