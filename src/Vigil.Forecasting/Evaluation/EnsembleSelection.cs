namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// Greedy forward ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew and Ksikes 2004, "Ensemble
/// selection from libraries of models", ICML): start empty, and at each step add the member (again, if it is already
/// in) whose addition gives the best mean PAI on the inner windows; a member's weight is the share of steps that
/// picked it. The ensemble kept is the best one seen over all steps, the smallest on a tie, so a single member
/// wins when no mixture beats it. Selecting directly on PAI at the flagged areas, rather than on likelihood,
/// optimises the quantity being reported; the step count caps how finely the weights can fit noise.
/// </summary>
public static class EnsembleSelection
{
    /// <param name="cellsPerTarget">Flagged cells at each area the score averages over (e.g. NIJ's 0.25, 0.5, 0.75 sq mi).</param>
    /// <param name="steps">Greedy steps; the weights are multiples of 1/steps at the finest.</param>
    public static EnsembleWeights Select(InnerValidationSet inner, IReadOnlyList<int> cellsPerTarget, int steps = 20)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(cellsPerTarget);
        var members = inner.Members;
        var weights = new double[members];
        if (inner.Windows == 0 || members == 0 || cellsPerTarget.Count == 0)
        {
            // Nothing to learn from: equal weights are the prior with the least commitment.
            Array.Fill(weights, members == 0 ? 0 : 1.0 / members);
            return new EnsembleWeights(weights, double.NaN, 0);
        }

        var kMax = 0;
        foreach (var k in cellsPerTarget)
        {
            kMax = Math.Max(kMax, Math.Clamp(k, 1, inner.InsideCells));
        }

        var current = new double[inner.Windows][];
        for (var w = 0; w < inner.Windows; w++)
        {
            current[w] = new double[inner.InsideCells];
        }

        var picks = new int[members];
        var bestPicks = new int[members];
        var bestScore = double.NegativeInfinity;
        var bestSteps = 0;
        var top = new TopCells(kMax);
        for (var step = 1; step <= steps; step++)
        {
            var chosen = -1;
            var chosenScore = double.NegativeInfinity;
            for (var m = 0; m < members; m++)
            {
                var score = 0.0;
                for (var w = 0; w < inner.Windows; w++)
                {
                    top.Collect(current[w], inner.Surface(w, m));
                    score += top.MeanPai(inner.Counts(w), inner.Total(w), cellsPerTarget, inner.InsideCells);
                }

                score /= inner.Windows;
                if (score > chosenScore)
                {
                    chosenScore = score;
                    chosen = m;
                }
            }

            picks[chosen]++;
            for (var w = 0; w < inner.Windows; w++)
            {
                var s = inner.Surface(w, chosen);
                var c = current[w];
                for (var i = 0; i < c.Length; i++)
                {
                    c[i] += s[i];
                }
            }

            if (chosenScore > bestScore)
            {
                bestScore = chosenScore;
                bestSteps = step;
                picks.CopyTo(bestPicks, 0);
            }
        }

        for (var m = 0; m < members; m++)
        {
            weights[m] = (double)bestPicks[m] / bestSteps;
        }

        return new EnsembleWeights(weights, bestScore, bestSteps);
    }

    /// <summary>
    /// Mixture weights that maximise the log-likelihood of where the inner windows' incidents fell, by EM for a
    /// finite mixture with fixed components (Dempster, Laird and Rubin 1977): each incident is shared among members in
    /// proportion to weight times that member's share at its cell, and a weight becomes its mean share. A uniform
    /// surface is always an extra component (its weight is the last entry) so that no incident has zero likelihood.
    /// Unlike a PAI score, which only sees the few incidents in the top cells, the likelihood uses every incident.
    /// </summary>
    public static EnsembleWeights SelectByLikelihood(InnerValidationSet inner, int iterations = 200)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var members = inner.Members;
        var k = members + 1;
        var uniform = 1.0 / Math.Max(inner.InsideCells, 1);
        var rows = new List<double[]>();
        var mult = new List<int>();
        for (var w = 0; w < inner.Windows; w++)
        {
            var counts = inner.Counts(w);
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] == 0)
                {
                    continue;
                }

                var row = new double[k];
                for (var m = 0; m < members; m++)
                {
                    row[m] = inner.Surface(w, m)[i];
                }

                row[members] = uniform;
                rows.Add(row);
                mult.Add(counts[i]);
            }
        }

        var weights = new double[k];
        Array.Fill(weights, 1.0 / k);
        if (rows.Count == 0)
        {
            return new EnsembleWeights(weights, double.NaN, 0);
        }

        var total = 0.0;
        foreach (var c in mult)
        {
            total += c;
        }

        var next = new double[k];
        var logLik = 0.0;
        for (var it = 0; it < iterations; it++)
        {
            Array.Clear(next);
            logLik = 0;
            for (var e = 0; e < rows.Count; e++)
            {
                var row = rows[e];
                var p = 0.0;
                for (var m = 0; m < k; m++)
                {
                    p += weights[m] * row[m];
                }

                logLik += mult[e] * Math.Log(p);
                var scale = mult[e] / p;
                for (var m = 0; m < k; m++)
                {
                    next[m] += weights[m] * row[m] * scale;
                }
            }

            for (var m = 0; m < k; m++)
            {
                weights[m] = next[m] / total;
            }
        }

        return new EnsembleWeights(weights, logLik / total, iterations);
    }

    /// <summary>The k best cells of base + addition (score descending, lower index first on ties, as the harness ranks).</summary>
    private sealed class TopCells(int capacity)
    {
        private readonly double[] _values = new double[capacity];
        private readonly int[] _cells = new int[capacity];
        private int _size;

        public void Collect(double[] baseScores, ReadOnlySpan<float> addition)
        {
            _size = 0;
            for (var i = 0; i < baseScores.Length; i++)
            {
                var v = baseScores[i] + addition[i];
                if (_size == capacity && v <= _values[_size - 1])
                {
                    continue;
                }

                var j = _size < capacity ? _size++ : capacity - 1;
                while (j > 0 && _values[j - 1] < v)
                {
                    _values[j] = _values[j - 1];
                    _cells[j] = _cells[j - 1];
                    j--;
                }

                _values[j] = v;
                _cells[j] = i;
            }
        }

        public double MeanPai(ReadOnlySpan<int> counts, int total, IReadOnlyList<int> cellsPerTarget, int insideCells)
        {
            var sum = 0.0;
            foreach (var target in cellsPerTarget)
            {
                var k = Math.Min(Math.Clamp(target, 1, insideCells), _size);
                var captured = 0;
                for (var j = 0; j < k; j++)
                {
                    captured += counts[_cells[j]];
                }

                // PAI = (n/N) / (a/A), with a/A = k / insideCells for equal cells.
                sum += (double)captured / total * insideCells / k;
            }

            return sum / cellsPerTarget.Count;
        }
    }
}
