namespace Vigil.Domain.Devices;

/// <summary>A quantity a device reports, with its unit (UCUM-style codes such as "ug/m3", "km/h", "dB", "cm", "V", "kPa").</summary>
public sealed record QuantitySpec(string Name, string Unit);
