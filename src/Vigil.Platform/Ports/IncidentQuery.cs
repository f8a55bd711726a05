using Vigil.Domain.Incidents;

namespace Vigil.Platform.Ports;

public sealed record IncidentQuery(
    IncidentStatus? Status = null,
    string? Type = null,
    int? MaxPriority = null,
    bool OpenOnly = false,
    DateTimeOffset? Since = null,
    int Limit = 200);
