using Vigil.Domain.Devices;

namespace Vigil.Platform.Ingest;

/// <summary>A registered device as the pipeline knows it: the entity plus its compact ordinal used in storage.</summary>
public sealed record DeviceEntry(int Ordinal, Device Device);
