namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>Where a zone or line is drawn. Values are persisted in configuration: never renumber them.</summary>
public enum CoordinateSpace
{
    /// <summary>Pixels of the camera image, top-left origin.</summary>
    Image = 0,

    /// <summary>Metres on the ground plane of a calibrated camera (see <see cref="Geometry.CameraModel"/>).</summary>
    Ground = 1,
}
