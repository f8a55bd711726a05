using System.Buffers;

namespace Vigil.Forecasting.Grid;

/// <summary>
/// Kernel density on a grid: a histogram convolved with a separable Gaussian whose 1-D weights are the Gaussian's
/// mass over each cell (erf differences), truncated at 4 sigma and renormalised. Exact for the cell-integrated
/// kernel, so a bandwidth below one cell degrades gracefully to the histogram.
/// </summary>
public static class GaussianSmoother
{
    /// <summary>Smooths <paramref name="values"/> (rows x columns, row-major) in place.</summary>
    public static void Smooth(Span<double> values, int columns, int rows, double sigmaCells)
    {
        if (values.Length != columns * rows)
        {
            throw new ArgumentException("Values do not match the grid shape.", nameof(values));
        }

        if (!(sigmaCells > 0))
        {
            return;
        }

        var radius = Math.Max(1, (int)Math.Ceiling(4 * sigmaCells));
        var kernel = ArrayPool<double>.Shared.Rent((2 * radius) + 1);
        var line = ArrayPool<double>.Shared.Rent(Math.Max(columns, rows));
        try
        {
            var k = kernel.AsSpan(0, (2 * radius) + 1);
            Weights(sigmaCells, radius, k);
            for (var r = 0; r < rows; r++)
            {
                var row = values.Slice(r * columns, columns);
                row.CopyTo(line);
                Convolve(line.AsSpan(0, columns), k, radius, row, 1);
            }

            for (var c = 0; c < columns; c++)
            {
                for (var r = 0; r < rows; r++)
                {
                    line[r] = values[(r * columns) + c];
                }

                Convolve(line.AsSpan(0, rows), k, radius, values[c..], columns);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(kernel);
            ArrayPool<double>.Shared.Return(line);
        }
    }

    internal static void Weights(double sigma, int radius, Span<double> weights)
    {
        var sum = 0.0;
        for (var i = -radius; i <= radius; i++)
        {
            var w = Phi((i + 0.5) / sigma) - Phi((i - 0.5) / sigma);
            weights[i + radius] = w;
            sum += w;
        }

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
        }
    }

    private static void Convolve(ReadOnlySpan<double> src, ReadOnlySpan<double> kernel, int radius, Span<double> dst, int stride)
    {
        var n = src.Length;
        for (var i = 0; i < n; i++)
        {
            dst[i * stride] = 0;
        }

        for (var i = 0; i < n; i++)
        {
            var v = src[i];
            if (v == 0)
            {
                continue;
            }

            var lo = Math.Max(0, i - radius);
            var hi = Math.Min(n - 1, i + radius);
            for (var j = lo; j <= hi; j++)
            {
                dst[j * stride] += v * kernel[j - i + radius];
            }
        }
    }

    /// <summary>Standard normal CDF.</summary>
    internal static double Phi(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    /// <summary>Error function, Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7).</summary>
    internal static double Erf(double x)
    {
        var sign = x < 0 ? -1.0 : 1.0;
        x = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.3275911 * x));
        var poly = ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t;
        var y = 1.0 - (poly * Math.Exp(-x * x));
        return sign * y;
    }
}
