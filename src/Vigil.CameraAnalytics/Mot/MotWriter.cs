using System.Globalization;

namespace Vigil.CameraAnalytics.Mot;

/// <summary>Writes tracker output in the MOTChallenge layout <c>frame, id, left, top, width, height, conf, -1, -1, -1</c>.</summary>
public static class MotWriter
{
    public static void Write(TextWriter writer, IEnumerable<MotRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var c = CultureInfo.InvariantCulture;
        foreach (var r in rows)
        {
            writer.Write(r.Frame.ToString(c));
            writer.Write(',');
            writer.Write(r.Id.ToString(c));
            writer.Write(',');
            writer.Write(r.Box.Left.ToString("0.###", c));
            writer.Write(',');
            writer.Write(r.Box.Top.ToString("0.###", c));
            writer.Write(',');
            writer.Write(r.Box.Width.ToString("0.###", c));
            writer.Write(',');
            writer.Write(r.Box.Height.ToString("0.###", c));
            writer.Write(',');
            writer.Write(r.Confidence.ToString("0.####", c));
            writer.WriteLine(",-1,-1,-1");
        }
    }
}
