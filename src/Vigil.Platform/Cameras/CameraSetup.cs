using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Geometry;

namespace Vigil.Platform.Cameras;

/// <summary>A validated configuration, compiled into what the tracker and the behaviour engine need.</summary>
public sealed record CameraSetup(CameraConfigView View, CameraModel Model, IReadOnlyList<Zone> Zones, IReadOnlyList<BehaviourRule> Rules);
