namespace Vigil.Detection.Rules;

public enum RuleType
{
    /// <summary>Value beyond a level for at least a minimum duration, cleared only past a second level (hysteresis).</summary>
    Threshold = 1,

    /// <summary>Value changing faster than a limit per minute.</summary>
    RateOfChange = 2,

    /// <summary>No data for longer than allowed: the device is offline.</summary>
    MissingData = 3,

    /// <summary>
    /// Value outside the band a streaming detector learned for this device and quantity
    /// (<see cref="RuleDefinition.Detector"/>); raise and clear levels are anomaly likelihoods in 0..1.
    /// </summary>
    Anomaly = 4,

    /// <summary>The same value for at least <see cref="RuleDefinition.MinDuration"/>: a stuck sensor (device fault).</summary>
    Flatline = 5,

    /// <summary>A value the quantity cannot physically take (device fault).</summary>
    ImpossibleValue = 6,

    /// <summary>A sudden jump in the device's message rate: a cloned or hijacked key (security).</summary>
    MessageRate = 7,

    /// <summary>A gap in a device's readings several times its own usual interval: a dropout (device fault).</summary>
    Dropout = 8,

    /// <summary>A reading received long after it was taken: late data (device fault).</summary>
    LateData = 9,

    /// <summary>A reading far from the median of nearby sensors of the same quantity (device fault).</summary>
    NeighbourDisagreement = 10,

    /// <summary>A burst of failed authentications for one device (security).</summary>
    AuthFailureBurst = 11,

    /// <summary>One device key used from more network origins at once than a fixed device has (security).</summary>
    KeySpread = 12,

    /// <summary>A device reporting a location far from where it was registered (security).</summary>
    LocationDrift = 13,
}
