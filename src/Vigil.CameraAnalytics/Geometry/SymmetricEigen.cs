namespace Vigil.CameraAnalytics.Geometry;

/// <summary>
/// Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan,
/// "Matrix Computations", 4th ed., section 8.5). Slow for large n but unconditionally stable and exact enough for
/// the 9x9 normal matrix of a homography fit.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes <paramref name="a"/> (n x n, row-major, overwritten) so that its diagonal holds the eigenvalues and
    /// the columns of <paramref name="vectors"/> the matching unit eigenvectors.
    /// </summary>
    public static void Decompose(double[] a, int n, double[] vectors)
    {
        Array.Clear(vectors, 0, n * n);
        for (var i = 0; i < n; i++)
        {
            vectors[(i * n) + i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[(p * n) + q] * a[(p * n) + q];
                }
            }

            if (off < 1e-30)
            {
                return;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = a[(p * n) + q];
                    if (Math.Abs(apq) < 1e-300)
                    {
                        continue;
                    }

                    // Rotation that zeroes a[p, q] (Golub and Van Loan, algorithm 8.5.1, sym.schur2).
                    var theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[(k * n) + p];
                        var akq = a[(k * n) + q];
                        a[(k * n) + p] = (c * akp) - (s * akq);
                        a[(k * n) + q] = (s * akp) + (c * akq);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[(p * n) + k];
                        var aqk = a[(q * n) + k];
                        a[(p * n) + k] = (c * apk) - (s * aqk);
                        a[(q * n) + k] = (s * apk) + (c * aqk);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = vectors[(k * n) + p];
                        var vkq = vectors[(k * n) + q];
                        vectors[(k * n) + p] = (c * vkp) - (s * vkq);
                        vectors[(k * n) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }
    }
}
