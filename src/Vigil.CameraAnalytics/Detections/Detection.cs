namespace Vigil.CameraAnalytics.Detections;

/// <summary>One object an edge detector found in one frame.</summary>
public readonly record struct Detection(BoundingBox Box, float Confidence, ObjectClass Class = ObjectClass.Person);
