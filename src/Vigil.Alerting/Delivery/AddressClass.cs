namespace Vigil.Alerting.Delivery;

/// <summary>What kind of network an IP address belongs to, as far as where a webhook may be posted is concerned.</summary>
public enum AddressClass
{
    /// <summary>A globally routable address: a webhook may go there.</summary>
    Public,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>RFC 1918 (10/8, 172.16/12, 192.168/16), 0.0.0.0/8 "this network", and the deprecated IPv6 site-local fec0::/10.</summary>
    Private,

    /// <summary>169.254.0.0/16 (where cloud metadata services answer, 169.254.169.254), fe80::/10.</summary>
    LinkLocal,

    /// <summary>100.64.0.0/10, shared address space behind carrier-grade NAT (RFC 6598).</summary>
    CarrierGradeNat,

    /// <summary>fc00::/7, IPv6 unique local addresses (RFC 4193).</summary>
    UniqueLocal,

    /// <summary>224.0.0.0/4, ff00::/8.</summary>
    Multicast,

    /// <summary>0.0.0.0, ::.</summary>
    Unspecified,

    /// <summary>240.0.0.0/4 (reserved, including the broadcast address 255.255.255.255).</summary>
    Reserved,
}
