namespace Vigil.CameraAnalytics.Geometry;

/// <summary>
/// A plane-to-plane projective map (3x3, row-major), used to take a pixel on the ground in the
/// image to metres on the ground plane. Fitted from four or more point pairs by the normalised Direct Linear
/// Transform (Hartley and Zisserman, "Multiple View Geometry", 2nd ed., algorithm 4.2): points are shifted and scaled
/// so their centroid is the origin and their mean distance is √2, then the algebraic least-squares solution is the
/// eigenvector of AᵀA with the smallest eigenvalue. Without the normalisation the fit is badly conditioned for
/// pixel coordinates in the hundreds.
/// </summary>
public sealed class Homography
{
    private readonly double[] _m;

    private Homography(double[] m, double rmsErrorMetres)
    {
        _m = m;
        RmsErrorMetres = rmsErrorMetres;
    }

    /// <summary>Root-mean-square distance, in ground units, between the mapped image points and their surveyed positions.</summary>
    public double RmsErrorMetres { get; }

    /// <summary>The nine coefficients, row-major.</summary>
    public ReadOnlySpan<double> Coefficients => _m;

    public static Homography FromCoefficients(ReadOnlySpan<double> m)
    {
        if (m.Length != 9)
        {
            throw new ArgumentException("a homography has 9 coefficients", nameof(m));
        }

        return new Homography(m.ToArray(), 0);
    }

    /// <summary>Maps an image point; false when it lies on or beyond the horizon line of the ground plane.</summary>
    public bool TryMap(double x, double y, out double mappedX, out double mappedY)
    {
        var w = (_m[6] * x) + (_m[7] * y) + _m[8];
        if (Math.Abs(w) < 1e-12 || w < 0)
        {
            mappedX = mappedY = double.NaN;
            return false;
        }

        mappedX = ((_m[0] * x) + (_m[1] * y) + _m[2]) / w;
        mappedY = ((_m[3] * x) + (_m[4] * y) + _m[5]) / w;
        return true;
    }

    /// <summary>
    /// Fits the map from image to ground. Fails, with the reason, for fewer than four pairs, non-finite input, or a
    /// degenerate configuration (three or more of four points collinear, or all points on one line).
    /// </summary>
    public static bool TryFit(IReadOnlyList<PointPair> pairs, out Homography? homography, out string error)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        homography = null;
        var n = pairs.Count;
        if (n < 4)
        {
            error = $"a homography needs at least 4 point pairs, got {n}";
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            var p = pairs[i];
            if (!double.IsFinite(p.ImageX) || !double.IsFinite(p.ImageY) || !double.IsFinite(p.GroundX) || !double.IsFinite(p.GroundY))
            {
                error = $"point pair {i + 1} has a non-finite coordinate";
                return false;
            }
        }

        if (!TryNormaliser(pairs, image: true, out var ti) || !TryNormaliser(pairs, image: false, out var tg))
        {
            error = "the points coincide: no plane can be fitted";
            return false;
        }

        // AᵀA accumulated row by row: each pair gives two rows of the DLT system.
        var ata = new double[81];
        Span<double> r1 = stackalloc double[9];
        Span<double> r2 = stackalloc double[9];
        for (var i = 0; i < n; i++)
        {
            var p = pairs[i];
            var x = (ti.Scale * p.ImageX) + ti.OffsetX;
            var y = (ti.Scale * p.ImageY) + ti.OffsetY;
            var u = (tg.Scale * p.GroundX) + tg.OffsetX;
            var v = (tg.Scale * p.GroundY) + tg.OffsetY;
            r1[0] = -x; r1[1] = -y; r1[2] = -1; r1[3] = 0; r1[4] = 0; r1[5] = 0; r1[6] = u * x; r1[7] = u * y; r1[8] = u;
            r2[0] = 0; r2[1] = 0; r2[2] = 0; r2[3] = -x; r2[4] = -y; r2[5] = -1; r2[6] = v * x; r2[7] = v * y; r2[8] = v;
            for (var a = 0; a < 9; a++)
            {
                for (var b = 0; b < 9; b++)
                {
                    ata[(a * 9) + b] += (r1[a] * r1[b]) + (r2[a] * r2[b]);
                }
            }
        }

        var vectors = new double[81];
        SymmetricEigen.Decompose(ata, 9, vectors);
        int smallest = 0, second = -1;
        for (var k = 1; k < 9; k++)
        {
            if (ata[(k * 9) + k] < ata[(smallest * 9) + smallest])
            {
                smallest = k;
            }
        }

        for (var k = 0; k < 9; k++)
        {
            if (k != smallest && (second < 0 || ata[(k * 9) + k] < ata[(second * 9) + second]))
            {
                second = k;
            }
        }

        // A second null direction means the pairs do not pin the map down (collinear points).
        var scale = 0.0;
        for (var k = 0; k < 9; k++)
        {
            scale = Math.Max(scale, Math.Abs(ata[(k * 9) + k]));
        }

        if (ata[(second * 9) + second] <= 1e-10 * scale)
        {
            error = "the point pairs are degenerate (too many collinear points); survey four points with no three on a line";
            return false;
        }

        var hn = new double[9];
        for (var k = 0; k < 9; k++)
        {
            hn[k] = vectors[(k * 9) + smallest];
        }

        // Undo the normalisation: H = Tg⁻¹ · Hn · Ti.
        var m = Multiply(Multiply(tg.Inverse(), hn), ti.Matrix());

        // Scale so that w = 1 at the centroid of the surveyed image points: the ground side of the horizon then has
        // w > 0 whichever sign the eigenvector came out with, and TryMap can reject points beyond the horizon.
        var cx = -ti.OffsetX / ti.Scale;
        var cy = -ti.OffsetY / ti.Scale;
        var wc = (m[6] * cx) + (m[7] * cy) + m[8];
        if (Math.Abs(wc) < 1e-15)
        {
            error = "the fitted map sends the surveyed points to infinity; check the point pairs";
            return false;
        }

        for (var k = 0; k < 9; k++)
        {
            m[k] /= wc;
        }

        var fitted = new Homography(m, 0);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var p = pairs[i];
            if (!fitted.TryMap(p.ImageX, p.ImageY, out var gx, out var gy))
            {
                error = $"point pair {i + 1} maps beyond the horizon; the pairs are inconsistent";
                return false;
            }

            sum += ((gx - p.GroundX) * (gx - p.GroundX)) + ((gy - p.GroundY) * (gy - p.GroundY));
        }

        homography = new Homography(m, Math.Sqrt(sum / n));
        error = string.Empty;
        return true;
    }

    private static bool TryNormaliser(IReadOnlyList<PointPair> pairs, bool image, out Similarity t)
    {
        double cx = 0, cy = 0;
        var n = pairs.Count;
        for (var i = 0; i < n; i++)
        {
            cx += image ? pairs[i].ImageX : pairs[i].GroundX;
            cy += image ? pairs[i].ImageY : pairs[i].GroundY;
        }

        cx /= n;
        cy /= n;
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            var dx = (image ? pairs[i].ImageX : pairs[i].GroundX) - cx;
            var dy = (image ? pairs[i].ImageY : pairs[i].GroundY) - cy;
            mean += Math.Sqrt((dx * dx) + (dy * dy));
        }

        mean /= n;
        if (!(mean > 1e-12))
        {
            t = default;
            return false;
        }

        var s = Math.Sqrt(2) / mean;
        t = new Similarity(s, -s * cx, -s * cy);
        return true;
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var c = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                c[(i * 3) + j] = (a[i * 3] * b[j]) + (a[(i * 3) + 1] * b[3 + j]) + (a[(i * 3) + 2] * b[6 + j]);
            }
        }

        return c;
    }

    private readonly record struct Similarity(double Scale, double OffsetX, double OffsetY)
    {
        public double[] Matrix() => [Scale, 0, OffsetX, 0, Scale, OffsetY, 0, 0, 1];

        public double[] Inverse() => [1 / Scale, 0, -OffsetX / Scale, 0, 1 / Scale, -OffsetY / Scale, 0, 0, 1];
    }
}
