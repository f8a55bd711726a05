using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Tracking;

/// <summary>
/// Constant-velocity Kalman filter over a box as (centre x, centre y, aspect w/h, height), with the noise model of
/// DeepSORT (Wojke et al. 2017) that ByteTrack (Zhang et al. 2022) reuses: standard deviations proportional to the box
/// height, weights 1/20 for position and 1/160 for velocity.
/// Because the transition couples each coordinate only with its own velocity and all noise covariances are diagonal,
/// the 8x8 covariance stays block-diagonal: it is carried as four independent 2x2 blocks, which is exact and about
/// twenty times cheaper than the dense form.
/// </summary>
internal struct KalmanBoxState
{
    private const double StdWeightPosition = 1.0 / 20;
    private const double StdWeightVelocity = 1.0 / 160;

    // Per coordinate k (0 = cx, 1 = cy, 2 = aspect, 3 = height): value, velocity, and covariance [[Pp, Pv], [Pv, Vv]].
    private Coordinate _cx;
    private Coordinate _cy;
    private Coordinate _aspect;
    private Coordinate _height;

    public readonly double CenterX => _cx.Value;

    public readonly double CenterY => _cy.Value;

    public readonly double VelocityX => _cx.Velocity;

    public readonly double VelocityY => _cy.Velocity;

    public readonly double VelocityHeight => _height.Velocity;

    public readonly BoundingBox Box
    {
        get
        {
            var h = _height.Value;
            var w = _aspect.Value * h;
            return new BoundingBox(_cx.Value - (w / 2), _cy.Value - (h / 2), w, h);
        }
    }

    public static KalmanBoxState Initiate(in BoundingBox box)
    {
        var h = box.Height;
        var p = 2 * StdWeightPosition * h;
        var v = 10 * StdWeightVelocity * h;
        return new KalmanBoxState
        {
            _cx = new Coordinate(box.CenterX, p * p, v * v),
            _cy = new Coordinate(box.CenterY, p * p, v * v),
            _aspect = new Coordinate(AspectOf(box), 1e-2 * 1e-2, 1e-5 * 1e-5),
            _height = new Coordinate(h, p * p, v * v),
        };
    }

    /// <summary>Advances one frame. A track that is not currently seen keeps its size (ByteTrack zeroes its height velocity).</summary>
    public void Predict(bool freezeHeight)
    {
        if (freezeHeight)
        {
            _height.Velocity = 0;
        }

        var h = _height.Value;
        var qp = StdWeightPosition * h;
        var qv = StdWeightVelocity * h;
        _cx.Predict(qp * qp, qv * qv);
        _cy.Predict(qp * qp, qv * qv);
        _aspect.Predict(1e-2 * 1e-2, 1e-5 * 1e-5);
        _height.Predict(qp * qp, qv * qv);
    }

    public void Update(in BoundingBox box)
    {
        var r = StdWeightPosition * _height.Value;
        _cx.Update(box.CenterX, r * r);
        _cy.Update(box.CenterY, r * r);
        _aspect.Update(AspectOf(box), 1e-1 * 1e-1);
        _height.Update(box.Height, r * r);
    }

    private static double AspectOf(in BoundingBox box) => box.Height > 0 ? box.Width / box.Height : 0;

    private struct Coordinate
    {
        public double Value;
        public double Velocity;
        private double _pp;
        private double _pv;
        private double _vv;

        public Coordinate(double value, double positionVariance, double velocityVariance)
        {
            Value = value;
            Velocity = 0;
            _pp = positionVariance;
            _pv = 0;
            _vv = velocityVariance;
        }

        // x' = F x with F = [[1, 1], [0, 1]]; P' = F P Fᵀ + Q.
        public void Predict(double qPosition, double qVelocity)
        {
            Value += Velocity;
            _pp += (2 * _pv) + _vv + qPosition;
            _pv += _vv;
            _vv += qVelocity;
        }

        // H = [1, 0]: S = Pp + r, K = P Hᵀ / S, P' = (I - K H) P.
        public void Update(double measured, double r)
        {
            var s = _pp + r;
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
