using System.Net;
using System.Net.Sockets;

namespace Vigil.Alerting.Delivery;

/// <summary>
/// Classifies the addresses a webhook URL names or resolves to, so that a subscriber cannot make the server post to
/// itself or to the private network it sits in (server-side request forgery: an internal admin page, a database's HTTP
/// port, a cloud metadata service at 169.254.169.254). IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible and NAT64
/// (64:ff9b::/96) IPv6 addresses are judged by the IPv4 address they carry, since that is where the packets go.
/// </summary>
public static class WebhookAddresses
{
    public static AddressClass Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return ClassifyV4(address.MapToIPv4());
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address) : ClassifyV6(address);
    }

    /// <summary>Whether a webhook may be posted to the address (only <see cref="AddressClass.Public"/> ones).</summary>
    public static bool IsPublic(IPAddress address) => Classify(address) == AddressClass.Public;

    /// <summary>Words for a refusal: "loopback", "private", "link-local" and so on.</summary>
    public static string Describe(AddressClass kind) => kind switch
    {
        AddressClass.Public => "public",
        AddressClass.Loopback => "loopback",
        AddressClass.Private => "private",
        AddressClass.LinkLocal => "link-local",
        AddressClass.CarrierGradeNat => "carrier-grade NAT",
        AddressClass.UniqueLocal => "unique-local",
        AddressClass.Multicast => "multicast",
        AddressClass.Unspecified => "unspecified",
        _ => "reserved",
    };

    private static AddressClass ClassifyV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return ClassifyV4(b[0], b[1], b[2], b[3]);
    }

    private static AddressClass ClassifyV4(byte a, byte b, byte c, byte d) => (a, b) switch
    {
        (0, _) when b == 0 && c == 0 && d == 0 => AddressClass.Unspecified,
        (0, _) => AddressClass.Private,
        (10, _) => AddressClass.Private,
        (127, _) => AddressClass.Loopback,
        (169, 254) => AddressClass.LinkLocal,
        (172, >= 16 and <= 31) => AddressClass.Private,
        (192, 168) => AddressClass.Private,
        (100, >= 64 and <= 127) => AddressClass.CarrierGradeNat,
        (>= 224 and <= 239, _) => AddressClass.Multicast,
        (>= 240, _) => AddressClass.Reserved,
        _ => AddressClass.Public,
    };

    private static AddressClass ClassifyV6(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (IPAddress.IPv6None.Equals(address))
        {
            return AddressClass.Unspecified;
        }

        if (IPAddress.IPv6Loopback.Equals(address))
        {
            return AddressClass.Loopback;
        }

        // ::a.b.c.d (IPv4-compatible, deprecated) and 64:ff9b::a.b.c.d (NAT64, RFC 6052): the IPv4 address decides.
        var zeroPrefix = b[..12].IndexOfAnyExcept((byte)0) < 0;
        var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0;
        if (zeroPrefix || nat64)
        {
            return ClassifyV4(b[12], b[13], b[14], b[15]);
        }

        if (b[0] == 0xff)
        {
            return AddressClass.Multicast;
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        {
            return AddressClass.LinkLocal;
        }

        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
        {
            return AddressClass.Private;
        }

        if ((b[0] & 0xfe) == 0xfc)
        {
            return AddressClass.UniqueLocal;
        }

        return AddressClass.Public;
    }
}
