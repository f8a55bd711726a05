using Vigil.Domain.Geo;

namespace Vigil.Domain.Devices;

/// <summary>A registered sensor or field device.</summary>
public sealed class Device
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required DeviceKind Kind { get; init; }

    public required GeoPoint Location { get; set; }

    public required string AgencyId { get; set; }

    public required IReadOnlyList<QuantitySpec> Quantities { get; set; }

    /// <summary>SHA-256 of the device's API key, hex. The key itself is shown once and never stored.</summary>
    public required string KeyHash { get; set; }

    public required DateTimeOffset RegisteredAt { get; init; }

    public bool Reports(string quantity) => IndexOfQuantity(quantity) >= 0;

    public int IndexOfQuantity(ReadOnlySpan<char> quantity)
    {
        for (var i = 0; i < Quantities.Count; i++)
        {
            if (quantity.Equals(Quantities[i].Name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
