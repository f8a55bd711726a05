namespace Vigil.Server.GuardTours;

/// <summary>The bounds a guard-tour request is checked against, and the defaults of its optional fields.</summary>
public static class GuardTourLimits
{
    // The planner's work grows with checkpoints² × tour length and the travel matrix with checkpoints²: 200 keeps one
    // request well under a second by road while covering a large campus or a city district's night round.
    public const int MaxCheckpoints = 200;
    public const int MaxGuards = 50;
    public const double MinShiftMinutes = 5;
    public const double MaxShiftMinutes = 24 * 60;
    public const double MaxDwellMinutes = 240;
    public const double DefaultDwellMinutes = 0;
    public const int MinPriority = 1;
    public const int MaxPriority = 5;
    public const int MaxNameLength = 100;

    // Mobile patrol drives between sites; the straight-line fallback uses a city driving speed unless told otherwise.
    public const double DefaultSpeedKmh = 25;

    // A guard on foot: the walking graph's own speed (FootProfile), and the straight-line fallback's when asked to walk
    // without a walking network.
    public const double DefaultWalkKmh = 5;

    public const string Walk = "walk";
    public const string Drive = "drive";
    public const double MinSpeedKmh = 3;
    public const double MaxSpeedKmh = 80;
}
