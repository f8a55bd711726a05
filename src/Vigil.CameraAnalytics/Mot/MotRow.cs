using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Mot;

/// <summary>
/// One line of a MOTChallenge text file: <c>frame, id, bb_left, bb_top, bb_width, bb_height, conf, ...</c>.
/// For detections the id is -1. <see cref="Class"/> and <see cref="Visibility"/> are set only for the 9-column
/// MOT16/17/20 ground truth (<c>..., consider_flag, class, visibility</c>); they are -1 otherwise.
/// </summary>
public readonly record struct MotRow(int Frame, int Id, BoundingBox Box, double Confidence, int Class = -1, double Visibility = -1);
