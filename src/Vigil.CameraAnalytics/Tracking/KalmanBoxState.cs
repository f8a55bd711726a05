using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Tracking;

/// <summary>
/// Constant-velocity Kalman filter over a box as (centre x, centre y, width, height), with every noise term scaled to
/// the extent it describes: horizontal terms (centre x, width) by the box width and vertical terms (centre y, height)
/// by the box height, weights 1/20 for position and 1/160 for velocity. This is the model of BoT-SORT (Aharon et al.
/// 2022, section 3.1), which corrects DeepSORT's (cx, cy, aspect, h) filter: there every position noise follows the
/// height, so for a standing person (about three times taller than wide) the horizontal noise is three times too large,
/// and the aspect ratio has a fixed noise that makes the width lag behind the detections.
/// Because the transition couples each coordinate only with its own velocity and all noise covariances are diagonal,
/// the 8x8 covariance stays block-diagonal: it is carried as four independent 2x2 blocks, which is exact and about
/// twenty times cheaper than the dense form.
/// </summary>
internal struct KalmanBoxState
{
    private const double StdWeightPosition = 1.0 / 20;
    private const double StdWeightVelocity = 1.0 / 160;

    // Per coordinate (cx, cy, w, h): value, velocity, and covariance [[Pp, Pv], [Pv, Vv]].
    private Coordinate _cx;
    private Coordinate _cy;
    private Coordinate _width;
    private Coordinate _height;

    public readonly double CenterX => _cx.Value;

    public readonly double CenterY => _cy.Value;

    public readonly double VelocityX => _cx.Velocity;

    public readonly double VelocityY => _cy.Velocity;

    public readonly BoundingBox Box
    {
        get
        {
            var w = _width.Value;
            var h = _height.Value;
            return new BoundingBox(_cx.Value - (w / 2), _cy.Value - (h / 2), w, h);
        }
    }

    public static KalmanBoxState Initiate(in BoundingBox box)
    {
        var w = box.Width;
        var h = box.Height;
        return new KalmanBoxState
        {
            _cx = Coordinate.Initiate(box.CenterX, w),
            _cy = Coordinate.Initiate(box.CenterY, h),
            _width = Coordinate.Initiate(w, w),
            _height = Coordinate.Initiate(h, h),
        };
    }

    /// <summary>Advances one frame. A track that is not currently seen keeps its size (ByteTrack zeroes its size velocity).</summary>
    public void Predict(bool freezeSize)
    {
        if (freezeSize)
        {
            _width.Velocity = 0;
            _height.Velocity = 0;
        }

        // Noise follows the current extent; a filter whose size diverged to zero or below must not produce NaN.
        var w = Math.Max(_width.Value, 1);
        var h = Math.Max(_height.Value, 1);
        _cx.Predict(w);
        _cy.Predict(h);
        _width.Predict(w);
        _height.Predict(h);
    }

    public void Update(in BoundingBox box)
    {
        var w = Math.Max(_width.Value, 1);
        var h = Math.Max(_height.Value, 1);
        _cx.Update(box.CenterX, w);
        _cy.Update(box.CenterY, h);
        _width.Update(box.Width, w);
        _height.Update(box.Height, h);
    }

    private struct Coordinate
    {
        public double Value;
        public double Velocity;
        private double _pp;
        private double _pv;
        private double _vv;

        // Initial uncertainty as in DeepSORT/BoT-SORT: twice the position weight, ten times the velocity weight.
        public static Coordinate Initiate(double value, double scale)
        {
            var p = 2 * StdWeightPosition * scale;
            var v = 10 * StdWeightVelocity * scale;
            return new Coordinate { Value = value, _pp = p * p, _vv = v * v };
        }

        // x' = F x with F = [[1, 1], [0, 1]]; P' = F P Fᵀ + Q, Q = diag((scale/20)², (scale/160)²).
        public void Predict(double scale)
        {
            var qp = StdWeightPosition * scale;
            var qv = StdWeightVelocity * scale;
            Value += Velocity;
            _pp += (2 * _pv) + _vv + (qp * qp);
            _pv += _vv;
            _vv += qv * qv;
        }

        // H = [1, 0], R = (scale/20)²: S = Pp + R, K = P Hᵀ / S, P' = (I - K H) P.
        public void Update(double measured, double scale)
        {
            var r = StdWeightPosition * scale;
            var s = _pp + (r * r);
            var k0 = _pp / s;
            var k1 = _pv / s;
            var innovation = measured - Value;
            Value += k0 * innovation;
            Velocity += k1 * innovation;
            var pp = _pp;
            var pv = _pv;
            _pp = pp - (k0 * pp);
            _pv = pv - (k0 * pv);
            _vv -= k1 * pv;
        }
    }
}
