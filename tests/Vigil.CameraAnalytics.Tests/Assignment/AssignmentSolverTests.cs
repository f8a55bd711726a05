using Vigil.CameraAnalytics.Assignment;

namespace Vigil.CameraAnalytics.Tests.Assignment;

public sealed class AssignmentSolverTests
{
    [Fact]
    public void Solve_textbook_matrix_finds_optimum()
    {
        // Example of scipy.optimize.linear_sum_assignment's documentation: columns [1, 0, 2], total cost 5.
        double[] cost = [4, 1, 3, 2, 0, 5, 3, 2, 2];
        var assign = new int[3];
        var total = new AssignmentSolver().Solve(cost, 3, 3, assign);
        Assert.Equal(5, total);
        Assert.Equal([1, 0, 2], assign);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 6)]
    [InlineData(6, 4)]
    [InlineData(6, 6)]
    public void Solve_random_matrices_match_brute_force(int rows, int cols)
    {
        var rng = new Random(rows * 31 + cols);
        var solver = new AssignmentSolver();
        for (var trial = 0; trial < 40; trial++)
        {
            var cost = new double[rows * cols];
            for (var k = 0; k < cost.Length; k++)
            {
                cost[k] = rng.Next(0, 20);
            }

            var assign = new int[rows];
            var total = solver.Solve(cost, rows, cols, assign);
            Assert.Equal(BruteForce(cost, rows, cols, double.PositiveInfinity), total, 9);
            var used = new HashSet<int>();
            var assigned = 0;
            foreach (var c in assign)
            {
                if (c >= 0)
                {
                    Assert.True(used.Add(c));
                    assigned++;
                }
            }

            Assert.Equal(Math.Min(rows, cols), assigned);
        }
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(5, 7)]
    [InlineData(7, 5)]
    public void SolveWithLimit_matches_brute_force_with_unmatched_penalty(int rows, int cols)
    {
        var rng = new Random(rows * 17 + cols);
        var solver = new AssignmentSolver();
        const double limit = 0.8;
        for (var trial = 0; trial < 60; trial++)
        {
            var cost = new double[rows * cols];
            for (var k = 0; k < cost.Length; k++)
            {
                // Sparse like IoU distances: most pairs do not overlap at all.
                cost[k] = rng.NextDouble() < 0.7 ? 1.0 : Math.Round(rng.NextDouble(), 2);
            }

            var assign = new int[rows];
            var matches = solver.SolveWithLimit(cost, rows, cols, limit, assign);
            var objective = 0.0;
            var count = 0;
            for (var r = 0; r < rows; r++)
            {
                if (assign[r] >= 0)
                {
                    Assert.True(cost[(r * cols) + assign[r]] < limit);
                    objective += cost[(r * cols) + assign[r]];
                    count++;
                }
            }

            Assert.Equal(count, matches);
            objective += (rows + cols - (2 * count)) * limit / 2;
            Assert.Equal(BruteForce(cost, rows, cols, limit), objective, 9);
        }
    }

    [Fact]
    public void SolveWithLimit_pairs_at_or_above_limit_stay_unmatched()
    {
        double[] cost = [0.9, 0.95];
        var assign = new int[1];
        Assert.Equal(0, new AssignmentSolver().SolveWithLimit(cost, 1, 2, 0.8, assign));
        Assert.Equal(-1, assign[0]);
    }

    // Minimum over all partial matchings: with a finite limit, unmatched rows and columns each cost limit/2 and pairs
    // at or above the limit are not allowed; with an infinite limit, the matching must be of size min(rows, cols).
    private static double BruteForce(double[] cost, int rows, int cols, double limit)
    {
        var best = double.PositiveInfinity;
        var usedCols = new bool[cols];
        void Recurse(int r, double acc, int matched)
        {
            if (r == rows)
            {
                if (double.IsPositiveInfinity(limit))
                {
                    if (matched == Math.Min(rows, cols))
                    {
                        best = Math.Min(best, acc);
                    }
                }
                else
                {
                    best = Math.Min(best, acc + ((rows + cols - (2 * matched)) * limit / 2));
                }

                return;
            }

            Recurse(r + 1, acc, matched);
            for (var c = 0; c < cols; c++)
            {
                var x = cost[(r * cols) + c];
                if (usedCols[c] || x >= limit)
                {
                    continue;
                }

                usedCols[c] = true;
                Recurse(r + 1, acc + x, matched + 1);
                usedCols[c] = false;
            }
        }

        Recurse(0, 0, 0);
        return best;
    }
}
