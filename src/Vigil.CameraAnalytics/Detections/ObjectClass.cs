namespace Vigil.CameraAnalytics.Detections;

/// <summary>
/// Object classes an edge detector reports. Values are persisted in events and files: never renumber them.
/// The set follows the COCO categories that matter to public-space rules (person, vehicles, carried objects).
/// </summary>
public enum ObjectClass
{
    Unknown = 0,
    Person = 1,
    Bicycle = 2,
    Car = 3,
    Motorcycle = 4,
    Bus = 5,
    Truck = 6,
    Backpack = 7,
    Handbag = 8,
    Suitcase = 9,
}
