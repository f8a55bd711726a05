namespace Vigil.Platform.Operations;

/// <summary>What an operator asks of the operations desk. The names travel between nodes as strings: never rename one.</summary>
public enum DeskCommandKind
{
    AcknowledgeAlarm = 1,
    CreateIncident = 2,
    TransitionIncident = 3,
    AddNote = 4,
    Dispatch = 5,
    UpdateUnit = 6,
    RaiseOutbreakAlarms = 7,
    RegisterUnits = 8,
}
