namespace Vigil.Domain.Devices;

/// <summary>What a device is. Values are persisted: never renumber.</summary>
public enum DeviceKind
{
    AirQuality = 1,
    Traffic = 2,
    Acoustic = 3,
    Flood = 4,
    PowerGrid = 5,
    Water = 6,
    Camera = 7,
    PanicButton = 8,
}
