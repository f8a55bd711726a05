namespace Vigil.Platform.Hospitals;

/// <summary>Whether a hospital's emergency department takes ambulances now.</summary>
public enum EdStatus
{
    /// <summary>Takes ambulances.</summary>
    Open = 1,

    /// <summary>Asks ambulances to go elsewhere (saturated ED, scanner down); walk-ins are still seen.</summary>
    Diverting = 2,

    /// <summary>No emergency department service.</summary>
    Closed = 3,
}
