using Vigil.Platform.Contracts;

namespace Vigil.Platform.Operations;

/// <summary>
/// The desk's answer to a <see cref="DeskCommand"/>: the committed entity the command returns, or why nothing changed,
/// exactly as the desk decided it, so that a forwarded command is answered as it would have been on the desk's node.
/// </summary>
public sealed record DeskReply(
    DeskFailure Failure,
    string? Message,
    AlarmView? Alarm = null,
    IncidentView? Incident = null,
    UnitView? Unit = null,
    IReadOnlyList<AlarmView>? Alarms = null,
    IReadOnlyList<UnitView>? Units = null)
{
    public bool Succeeded => Failure == DeskFailure.None;

    public static DeskReply Of(DeskResult<AlarmView> result) => new(result.Failure, result.Message, Alarm: result.Value);

    public static DeskReply Of(DeskResult<IncidentView> result) => new(result.Failure, result.Message, Incident: result.Value);

    public static DeskReply Of(DeskResult<UnitView> result) => new(result.Failure, result.Message, Unit: result.Value);

    public static DeskReply Of(DeskResult<IReadOnlyList<AlarmView>> result) => new(result.Failure, result.Message, Alarms: result.Value);

    public static DeskReply Of(DeskResult<IReadOnlyList<UnitView>> result) => new(result.Failure, result.Message, Units: result.Value);

    public static DeskReply Invalid(string message) => new(DeskFailure.Invalid, message);

    public static DeskReply Unavailable(string message) => new(DeskFailure.Unavailable, message);
}
