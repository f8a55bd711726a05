namespace Vigil.Simulation;

/// <summary>
/// What a demo camera sees, as an edge detector would report it: people walking across a square, someone lingering by
/// a bench, a suitcase left behind by a person who walks off, and a group running through. The view is 1920×1080
/// pixels over a 19.2 m × 10.8 m patch of ground (100 pixels a metre, image y growing towards the camera), and the
/// script repeats every <see cref="Cycle"/>. Deterministic for a seed: positions jitter and detections drop out the
/// way real detectors do, from a seeded generator.
/// </summary>
public sealed class CameraScene(int seed, TimeSpan phase)
{
    public const int ImageWidth = 1920;
    public const int ImageHeight = 1080;
    public const double PixelsPerMetre = 100;
    public const double FrameRate = 15;

    /// <summary>When the running group crosses, seconds into the cycle: just after the demo's first gunshot (at 15 s).</summary>
    public const double RunnersAt = 20;

    public static readonly TimeSpan Cycle = TimeSpan.FromSeconds(240);

    private readonly Random _random = new(seed);

    /// <summary>The objects in view at <paramref name="elapsed"/> since the demo started.</summary>
    public void Detect(TimeSpan elapsed, List<SceneObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        objects.Clear();
        var t = (elapsed + phase).TotalSeconds % Cycle.TotalSeconds;

        // Walkers every 4 s on the far lanes, alternating direction, 1.2 to 1.5 m/s.
        for (var k = 0; k < (int)(Cycle.TotalSeconds / 4); k++)
        {
            var start = k * 4.0;
            var speed = 1.2 + (0.3 * ((k * 7) % 10) / 10.0);
            var walked = (t - start) * speed;
            if (walked < 0 || walked > 20.2)
            {
                continue;
            }

            var x = k % 2 == 0 ? -0.5 + walked : 19.7 - walked;
            Add(objects, "Person", x, k % 3 == 0 ? 9.6 : 8.6, 0.5, 1.7);
        }

        // Someone lingering by the bench for two minutes, shifting weight now and then.
        if (t is >= 10 and < 130)
        {
            Add(objects, "Person", 15 + (0.2 * Math.Sin(t / 7)), 7.6 + (0.1 * Math.Cos(t / 5)), 0.5, 1.7);
        }

        // A traveller walks in, puts a suitcase down at 36 s, and walks off at 40 s; the suitcase stays.
        if (t is >= 30 and < 50)
        {
            var (x, y) = t < 36 ? (-0.5 + ((t - 30) * 0.8), 2.5) : t < 40 ? (4.3, 2.5) : (4.3 - ((t - 40) * 1.4), 2.5 - ((t - 40) * 0.2));
            Add(objects, "Person", x, y, 0.5, 1.7);
        }

        if (t is >= 37 and < 200)
        {
            Add(objects, "Suitcase", 4.0, 2.4, 0.45, 0.6);
        }

        // Four people running through at about 4 m/s.
        for (var r = 0; r < 4; r++)
        {
            var ran = (t - RunnersAt - (r * 0.3)) * (3.8 + (0.2 * r));
            if (ran is >= 0 and <= 21)
            {
                Add(objects, "Person", -0.5 + ran, 4.0 + (r * 0.8), 0.5, 1.7);
            }
        }
    }

    private void Add(List<SceneObject> objects, string objectClass, double footX, double footY, double width, double height)
    {
        // About 3 % of detections are missed, and boxes jitter by a couple of pixels.
        if (_random.NextDouble() < 0.03)
        {
            return;
        }

        var w = width * PixelsPerMetre;
        var h = height * PixelsPerMetre;
        var x = (footX * PixelsPerMetre) - (w / 2) + Jitter();
        var y = ImageHeight - (footY * PixelsPerMetre) - h + Jitter();
        if (x + w <= 0 || x >= ImageWidth || y + h <= 0 || y >= ImageHeight)
        {
            return;
        }

        objects.Add(new SceneObject(objectClass, 0.75 + (0.2 * _random.NextDouble()), x, y, w, h));
    }

    private double Jitter() => (_random.NextDouble() - 0.5) * 4;
}

/// <summary>One detection: class, confidence, and box in pixels (top-left corner, width, height).</summary>
public readonly record struct SceneObject(string Class, double Confidence, double X, double Y, double W, double H);
