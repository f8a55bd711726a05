using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Tracking;

/// <summary>
/// A confirmed track as reported for one frame: the filtered box, the confidence of the detection that updated it,
/// and the filtered velocity of the box centre in pixels per frame. Carries no appearance or biometric feature.
/// </summary>
public readonly record struct TrackedObject(
    int TrackId,
    BoundingBox Box,
    float Confidence,
    ObjectClass Class,
    double VelocityX,
    double VelocityY,
    long FirstFrame);
