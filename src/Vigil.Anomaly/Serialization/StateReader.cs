using System.Buffers.Binary;

namespace Vigil.Anomaly.Serialization;

/// <summary>
/// Reads what <see cref="StateWriter"/> wrote. Every read is a Try: a truncated or foreign state
/// is an expected failure (a stale checkpoint), not a bug.
/// </summary>
public ref struct StateReader
{
    private ReadOnlySpan<byte> _remaining;

    public StateReader(ReadOnlySpan<byte> source) => _remaining = source;

    /// <summary>True when every byte has been consumed; a state with trailing bytes is rejected.</summary>
    public readonly bool IsAtEnd => _remaining.IsEmpty;

    public bool TryReadHeader(uint expectedTag, byte expectedVersion) =>
        TryReadUInt32(out var tag) && tag == expectedTag && TryReadByte(out var version) && version == expectedVersion;

    public bool TryReadByte(out byte value)
    {
        if (_remaining.Length < 1)
        {
            value = 0;
            return false;
        }

        value = _remaining[0];
        _remaining = _remaining[1..];
        return true;
    }

    public bool TryReadBoolean(out bool value)
    {
        var ok = TryReadByte(out var raw) && raw <= 1;
        value = raw == 1;
        return ok;
    }

    public bool TryReadInt32(out int value)
    {
        if (_remaining.Length < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadInt32LittleEndian(_remaining);
        _remaining = _remaining[4..];
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (_remaining.Length < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_remaining);
        _remaining = _remaining[4..];
        return true;
    }

    public bool TryReadInt64(out long value)
    {
        if (_remaining.Length < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadInt64LittleEndian(_remaining);
        _remaining = _remaining[8..];
        return true;
    }

    public bool TryReadDouble(out double value)
    {
        if (_remaining.Length < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadDoubleLittleEndian(_remaining);
        _remaining = _remaining[8..];
        return true;
    }

    /// <summary>Reads a length-prefixed array into <paramref name="destination"/>, which must have exactly that length.</summary>
    public bool TryReadDoubles(Span<double> destination)
    {
        if (!TryReadInt32(out var length) || length != destination.Length || _remaining.Length < length * 8L)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            destination[i] = BinaryPrimitives.ReadDoubleLittleEndian(_remaining[(i * 8)..]);
        }

        _remaining = _remaining[(length * 8)..];
        return true;
    }

    /// <summary>Reads a length-prefixed array into <paramref name="destination"/>, which must have exactly that length.</summary>
    public bool TryReadInt32s(Span<int> destination)
    {
        if (!TryReadInt32(out var length) || length != destination.Length || _remaining.Length < length * 4L)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            destination[i] = BinaryPrimitives.ReadInt32LittleEndian(_remaining[(i * 4)..]);
        }

        _remaining = _remaining[(length * 4)..];
        return true;
    }

    /// <summary>Reads a length-prefixed array into <paramref name="destination"/>, which must have exactly that length.</summary>
    public bool TryReadBytes(Span<byte> destination)
    {
        if (!TryReadInt32(out var length) || length != destination.Length || _remaining.Length < length)
        {
            return false;
        }

        _remaining[..length].CopyTo(destination);
        _remaining = _remaining[length..];
        return true;
    }
}
