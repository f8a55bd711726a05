namespace Vigil.CameraAnalytics.Geometry;

/// <summary>A surveyed correspondence: a pixel in the image and the same spot on the ground plane, in metres.</summary>
public readonly record struct PointPair(double ImageX, double ImageY, double GroundX, double GroundY);
