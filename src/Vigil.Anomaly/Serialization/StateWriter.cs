using System.Buffers;
using System.Buffers.Binary;

namespace Vigil.Anomaly.Serialization;

/// <summary>
/// Writes detector state as little-endian primitives. The format is frozen per detector by a
/// four-byte tag and a version, checked by <see cref="StateReader"/>.
/// </summary>
public ref struct StateWriter
{
    private readonly IBufferWriter<byte> _destination;

    public StateWriter(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _destination = destination;
    }

    public readonly void WriteHeader(uint tag, byte version)
    {
        WriteUInt32(tag);
        WriteByte(version);
    }

    public readonly void WriteByte(byte value)
    {
        var span = _destination.GetSpan(1);
        span[0] = value;
        _destination.Advance(1);
    }

    public readonly void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public readonly void WriteInt32(int value)
    {
        var span = _destination.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(span, value);
        _destination.Advance(4);
    }

    public readonly void WriteUInt32(uint value)
    {
        var span = _destination.GetSpan(4);
        BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        _destination.Advance(4);
    }

    public readonly void WriteInt64(long value)
    {
        var span = _destination.GetSpan(8);
        BinaryPrimitives.WriteInt64LittleEndian(span, value);
        _destination.Advance(8);
    }

    public readonly void WriteDouble(double value)
    {
        var span = _destination.GetSpan(8);
        BinaryPrimitives.WriteDoubleLittleEndian(span, value);
        _destination.Advance(8);
    }

    /// <summary>Writes the length, then the values.</summary>
    public readonly void WriteDoubles(ReadOnlySpan<double> values)
    {
        WriteInt32(values.Length);
        foreach (var value in values)
        {
            WriteDouble(value);
        }
    }

    /// <summary>Writes the length, then the values.</summary>
    public readonly void WriteInt32s(ReadOnlySpan<int> values)
    {
        WriteInt32(values.Length);
        foreach (var value in values)
        {
            WriteInt32(value);
        }
    }

    /// <summary>Writes the length, then the values.</summary>
    public readonly void WriteBytes(ReadOnlySpan<byte> values)
    {
        WriteInt32(values.Length);
        var span = _destination.GetSpan(values.Length);
        values.CopyTo(span);
        _destination.Advance(values.Length);
    }
}
