namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// When a rule is armed: a set of weekly windows in a time zone (e.g. a school yard is restricted Monday to Friday
/// 20:00 to 06:00). A window whose end is not after its start runs past midnight into the next day. No windows means
/// always armed.
/// </summary>
public sealed class WeeklySchedule
{
    private readonly Window[] _windows;
    private readonly TimeZoneInfo _zone;

    public WeeklySchedule(TimeZoneInfo timeZone, params Window[] windows)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(windows);
        _zone = timeZone;
        _windows = (Window[])windows.Clone();
    }

    public static WeeklySchedule Always { get; } = new(TimeZoneInfo.Utc);

    public bool IsActive(DateTimeOffset time)
    {
        if (_windows.Length == 0)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(time, _zone);
        var day = local.DayOfWeek;
        var clock = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var yesterday = (DayOfWeek)(((int)day + 6) % 7);
        foreach (var w in _windows)
        {
            if (w.End > w.Start)
            {
                if (w.Day == day && clock >= w.Start && clock < w.End)
                {
                    return true;
                }
            }
            else if ((w.Day == day && clock >= w.Start) || (w.Day == yesterday && clock < w.End))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A window starting on <see cref="Day"/> at <see cref="Start"/>, local time.</summary>
    public readonly record struct Window(DayOfWeek Day, TimeOnly Start, TimeOnly End);
}
