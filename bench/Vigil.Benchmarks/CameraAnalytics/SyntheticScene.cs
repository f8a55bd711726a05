using Vigil.CameraAnalytics.Detections;
using CameraDetection = Vigil.CameraAnalytics.Detections.Detection;

namespace Vigil.Benchmarks.CameraAnalytics;

/// <summary>
/// A deterministic street scene: pedestrians crossing a 1920x1080 view at walking speed, with box noise, a few missed
/// detections and low-score boxes, about <c>objects</c> detections per frame. Objects leaving the view are replaced.
/// </summary>
internal static class SyntheticScene
{
    public static CameraDetection[][] Generate(int frames, int objects, int seed)
    {
        var rng = new Random(seed);
        var x = new double[objects];
        var y = new double[objects];
        var vx = new double[objects];
        var vy = new double[objects];
        var h = new double[objects];
        for (var i = 0; i < objects; i++)
        {
            Spawn(i);
        }

        var result = new CameraDetection[frames][];
        var buffer = new List<CameraDetection>(objects);
        for (var f = 0; f < frames; f++)
        {
            buffer.Clear();
            for (var i = 0; i < objects; i++)
            {
                x[i] += vx[i];
                y[i] += vy[i];
                if (x[i] < -100 || x[i] > 2000 || y[i] < 0 || y[i] > 1100)
                {
                    Spawn(i);
                }

                if (rng.NextDouble() < 0.03)
                {
                    continue; // missed detection
                }

                var score = rng.NextDouble() < 0.1 ? 0.2 + (0.3 * rng.NextDouble()) : 0.6 + (0.4 * rng.NextDouble());
                var n = h[i] * 0.03;
                buffer.Add(new CameraDetection(
                    new BoundingBox(x[i] + (n * (rng.NextDouble() - 0.5)), y[i] - h[i] + (n * (rng.NextDouble() - 0.5)), (h[i] * 0.4) + (n * (rng.NextDouble() - 0.5)), h[i] + (n * (rng.NextDouble() - 0.5))),
                    (float)score));
            }

            result[f] = [.. buffer];
        }

        return result;

        void Spawn(int i)
        {
            h[i] = 80 + (rng.NextDouble() * 200);
            x[i] = rng.NextDouble() * 1900;
            y[i] = 300 + (rng.NextDouble() * 750);
            vx[i] = (rng.NextDouble() - 0.5) * 8;
            vy[i] = (rng.NextDouble() - 0.5) * 2;
        }
    }
}
