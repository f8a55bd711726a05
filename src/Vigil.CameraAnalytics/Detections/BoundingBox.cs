namespace Vigil.CameraAnalytics.Detections;

/// <summary>
/// An axis-aligned box in pixels, top-left origin, as MOTChallenge writes it (<c>bb_left, bb_top, bb_width, bb_height</c>).
/// </summary>
public readonly record struct BoundingBox(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    public double Area => Width * Height;

    /// <summary>The bottom centre: where a standing person or a parked object touches the ground.</summary>
    public double FootX => Left + (Width * 0.5);

    public double FootY => Top + Height;

    public double CenterX => Left + (Width * 0.5);

    public double CenterY => Top + (Height * 0.5);

    /// <summary>Intersection over union; 0 when either box is empty.</summary>
    public static double IntersectionOverUnion(in BoundingBox a, in BoundingBox b)
    {
        var iw = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        if (iw <= 0)
        {
            return 0;
        }

        var ih = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        if (ih <= 0)
        {
            return 0;
        }

        var inter = iw * ih;
        var union = a.Area + b.Area - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
