namespace Vigil.Detection.Neighbours;

/// <summary>A nearby sensor of the same quantity, with the index of that quantity in its own list.</summary>
public readonly record struct NeighbourLink(NeighbourSensor Sensor, int QuantityIndex);
