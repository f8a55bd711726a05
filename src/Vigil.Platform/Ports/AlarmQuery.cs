using Vigil.Domain.Alarms;

namespace Vigil.Platform.Ports;

public sealed record AlarmQuery(
    AlarmState? State = null,
    AlarmCategory? Category = null,
    string? DeviceId = null,
    bool OpenOnly = false,
    int Limit = 200);
