using System.Net;

namespace Vigil.Server.Security;

/// <summary>
/// A 64-bit FNV-1a hash of a network address, so the pipeline can count the places a key is used from without
/// holding strings. 0 means unknown.
/// </summary>
public static class OriginHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(IPAddress? address)
    {
        if (address is null)
        {
            return 0;
        }

        // An IPv4 client reached over a dual-stack socket must hash as itself.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return 0;
        }

        var hash = OffsetBasis;
        foreach (var b in bytes[..written])
        {
            hash = (hash ^ b) * Prime;
        }

        return hash == 0 ? 1 : hash;
    }
}
