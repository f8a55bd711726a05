using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Vigil.Routing.Graph;

/// <summary>
/// The binary graph file: a road graph and its contraction order, so that a server can start without re-importing
/// or re-ordering. Layout (little-endian): magic <c>VGRG</c>, format version, section counts, then each array as raw
/// elements, then a 64-bit checksum of everything before it. A reader refuses other versions rather than guess.
/// </summary>
public static class RoadGraphFile
{
    /// <summary>Bumped on any change of layout; version 1 is the first.</summary>
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "VGRG"u8;

    public static void Write(Stream stream, RoadGraph graph, ReadOnlySpan<int> contractionOrder)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(graph);
        EnsureLittleEndian();
        if (contractionOrder.Length != 0 && contractionOrder.Length != graph.ArcCount)
        {
            throw new ArgumentException("The contraction order must rank every arc, or be empty.", nameof(contractionOrder));
        }

        var checksum = new Checksum();
        Span<byte> header = stackalloc byte[4 + (4 * 7)];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], graph.NodeCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], graph.EdgeCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], graph.ShapePointCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], graph.ArcCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], graph.TurnCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], contractionOrder.Length);
        Put(stream, header, ref checksum);
        Put(stream, graph.NodeLatE7, ref checksum);
        Put(stream, graph.NodeLonE7, ref checksum);
        Put(stream, graph.EdgeFrom, ref checksum);
        Put(stream, graph.EdgeTo, ref checksum);
        Put(stream, graph.EdgeWayId, ref checksum);
        Put(stream, graph.EdgeLengthMeters, ref checksum);
        Put(stream, graph.EdgeShapeFirst, ref checksum);
        Put(stream, graph.ShapeLatE7, ref checksum);
        Put(stream, graph.ShapeLonE7, ref checksum);
        Put(stream, graph.ArcEdgeAndDirection, ref checksum);
        Put(stream, graph.ArcBaseWeight, ref checksum);
        Put(stream, graph.TurnFirst, ref checksum);
        Put(stream, graph.TurnTarget, ref checksum);
        Put(stream, graph.TurnCost, ref checksum);
        Put(stream, contractionOrder, ref checksum);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(tail, checksum.Value);
        stream.Write(tail);
    }

    /// <summary>Reads a graph file; false with a message naming the problem when it is not one, is damaged, or has another version.</summary>
    public static bool TryRead(Stream stream, out RoadGraph? graph, out int[] contractionOrder, out string? error)
    {
        ArgumentNullException.ThrowIfNull(stream);
        EnsureLittleEndian();
        graph = null;
        contractionOrder = [];
        var checksum = new Checksum();
        Span<byte> header = stackalloc byte[4 + (4 * 7)];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header[..4].SequenceEqual(Magic))
        {
            error = "not a Vigil graph file (bad magic)";
            return false;
        }

        checksum.Add(header);
        var version = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (version != FormatVersion)
        {
            error = $"graph file version {version} is not supported (this build reads version {FormatVersion}); re-run the import";
            return false;
        }

        var nodes = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        var edges = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var shapes = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        var arcs = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
        var turns = BinaryPrimitives.ReadInt32LittleEndian(header[24..]);
        var orderLength = BinaryPrimitives.ReadInt32LittleEndian(header[28..]);
        if (nodes < 0 || edges < 0 || shapes < 0 || arcs < 0 || turns < 0 || (orderLength != 0 && orderLength != arcs))
        {
            error = "graph file header holds impossible counts";
            return false;
        }

        if (stream.CanSeek)
        {
            var needed = (8L * nodes) + (8L * edges) + (8L * edges) + (4L * edges) + (4L * (edges + 1)) + (8L * shapes)
                + (8L * arcs) + (4L * (arcs + 1)) + (8L * turns) + (4L * orderLength) + 8;
            if (stream.Length - stream.Position < needed)
            {
                error = "graph file is truncated";
                return false;
            }
        }

        try
        {
            var nodeLat = Get<int>(stream, nodes, ref checksum);
            var nodeLon = Get<int>(stream, nodes, ref checksum);
            var edgeFrom = Get<int>(stream, edges, ref checksum);
            var edgeTo = Get<int>(stream, edges, ref checksum);
            var edgeWay = Get<long>(stream, edges, ref checksum);
            var edgeLength = Get<float>(stream, edges, ref checksum);
            var shapeFirst = Get<int>(stream, edges + 1, ref checksum);
            var shapeLat = Get<int>(stream, shapes, ref checksum);
            var shapeLon = Get<int>(stream, shapes, ref checksum);
            var arcCode = Get<int>(stream, arcs, ref checksum);
            var arcWeight = Get<int>(stream, arcs, ref checksum);
            var turnFirst = Get<int>(stream, arcs + 1, ref checksum);
            var turnTarget = Get<int>(stream, turns, ref checksum);
            var turnCost = Get<int>(stream, turns, ref checksum);
            var order = Get<int>(stream, orderLength, ref checksum);
            Span<byte> tail = stackalloc byte[8];
            stream.ReadExactly(tail);
            if (BinaryPrimitives.ReadUInt64LittleEndian(tail) != checksum.Value)
            {
                error = "graph file checksum does not match: the file is damaged";
                return false;
            }

            graph = new RoadGraph(nodeLat, nodeLon, edgeFrom, edgeTo, edgeWay, edgeLength, shapeFirst, shapeLat, shapeLon, arcCode, arcWeight, turnFirst, turnTarget, turnCost);
            contractionOrder = order;
        }
        catch (EndOfStreamException)
        {
            error = "graph file is truncated";
            return false;
        }
        catch (InvalidDataException ex)
        {
            error = ex.Message;
            return false;
        }

        error = null;
        return true;
    }

    private static void Put<T>(Stream stream, ReadOnlySpan<T> values, ref Checksum checksum)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        checksum.Add(bytes);
        stream.Write(bytes);
    }

    private static void Put(Stream stream, ReadOnlySpan<byte> bytes, ref Checksum checksum)
    {
        checksum.Add(bytes);
        stream.Write(bytes);
    }

    private static T[] Get<T>(Stream stream, int count, ref Checksum checksum)
        where T : unmanaged
    {
        var values = new T[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        stream.ReadExactly(bytes);
        checksum.Add(bytes);
        return values;
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The graph file is little-endian; big-endian hosts are not supported.");
        }
    }

    /// <summary>FNV-1a over 64-bit words: cheap, and enough to catch truncation and bit rot (not an integrity MAC).</summary>
    private struct Checksum
    {
        private const ulong Prime = 0x100000001B3UL;
        private ulong _hash;
        private bool _started;

        public readonly ulong Value => _started ? _hash : 0xCBF29CE484222325UL;

        public void Add(ReadOnlySpan<byte> bytes)
        {
            if (!_started)
            {
                _hash = 0xCBF29CE484222325UL;
                _started = true;
            }

            var words = MemoryMarshal.Cast<byte, ulong>(bytes);
            var h = _hash;
            foreach (var w in words)
            {
                h = (h ^ w) * Prime;
            }

            for (var i = words.Length * 8; i < bytes.Length; i++)
            {
                h = (h ^ bytes[i]) * Prime;
            }

            _hash = h;
        }
    }
}
