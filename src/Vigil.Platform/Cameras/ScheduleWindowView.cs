namespace Vigil.Platform.Cameras;

/// <summary>A weekly window, local time; an end not after the start runs past midnight.</summary>
public sealed record ScheduleWindowView(DayOfWeek Day, TimeOnly Start, TimeOnly End);
