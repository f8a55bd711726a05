using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace Vigil.Routing.Osm;

/// <summary>
/// Writes OSM PBF (dense nodes, zlib blobs) with Google.Protobuf's <see cref="CodedOutputStream"/>: enough for
/// synthetic cities, hand-made test networks and extracts written by the tools themselves. Elements are written in
/// the order given; the format expects nodes, then ways, then relations, each sorted by id.
/// </summary>
public sealed class OsmPbfWriter : IDisposable
{
    // osmium and osmosis write 8,000 elements per block; readers rely on blocks staying well under 16 MiB.
    private const int ElementsPerBlock = 8000;

    private readonly Stream _output;
    private readonly List<(long Id, int LatE7, int LonE7, KeyValuePair<string, string>[] Tags)> _nodes = [];
    private readonly List<(long Id, long[] Refs, KeyValuePair<string, string>[] Tags)> _ways = [];
    private readonly List<(long Id, OsmMember[] Members, KeyValuePair<string, string>[] Tags)> _relations = [];
    private bool _disposed;

    public OsmPbfWriter(Stream output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        var header = Message(o =>
        {
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString("OsmSchema-V0.6");
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString("DenseNodes");
            o.WriteTag(16, WireFormat.WireType.LengthDelimited);
            o.WriteString("Vigil");
        });
        WriteBlob("OSMHeader", header);
    }

    public void AddNode(long id, int latE7, int lonE7, params KeyValuePair<string, string>[] tags)
    {
        FlushOthers(0);
        _nodes.Add((id, latE7, lonE7, tags));
        if (_nodes.Count == ElementsPerBlock)
        {
            FlushNodes();
        }
    }

    public void AddWay(long id, ReadOnlySpan<long> nodeRefs, params KeyValuePair<string, string>[] tags)
    {
        FlushOthers(1);
        _ways.Add((id, nodeRefs.ToArray(), tags));
        if (_ways.Count == ElementsPerBlock)
        {
            FlushWays();
        }
    }

    public void AddRelation(long id, ReadOnlySpan<OsmMember> members, params KeyValuePair<string, string>[] tags)
    {
        FlushOthers(2);
        _relations.Add((id, members.ToArray(), tags));
        if (_relations.Count == ElementsPerBlock)
        {
            FlushRelations();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        FlushNodes();
        FlushWays();
        FlushRelations();
        _output.Flush();
    }

    private void FlushOthers(int kind)
    {
        if (kind != 0)
        {
            FlushNodes();
        }

        if (kind != 1)
        {
            FlushWays();
        }

        if (kind != 2)
        {
            FlushRelations();
        }
    }

    private void FlushNodes()
    {
        if (_nodes.Count == 0)
        {
            return;
        }

        var strings = new StringTable();
        var keysVals = new List<int>();
        foreach (var node in _nodes)
        {
            foreach (var tag in node.Tags)
            {
                keysVals.Add(strings.Index(tag.Key));
                keysVals.Add(strings.Index(tag.Value));
            }

            keysVals.Add(0);
        }

        var dense = Message(o =>
        {
            WritePackedSInt64Delta(o, 1, _nodes.Count, i => _nodes[i].Id);
            WritePackedSInt64Delta(o, 8, _nodes.Count, i => _nodes[i].LatE7);
            WritePackedSInt64Delta(o, 9, _nodes.Count, i => _nodes[i].LonE7);
            WritePackedUInt32(o, 10, keysVals);
        });
        var group = Message(o => WriteBytes(o, 2, dense));
        WriteBlock(strings, group);
        _nodes.Clear();
    }

    private void FlushWays()
    {
        if (_ways.Count == 0)
        {
            return;
        }

        var strings = new StringTable();
        var group = Message(g =>
        {
            foreach (var way in _ways)
            {
                var (keys, values) = Tags(strings, way.Tags);
                var body = Message(o =>
                {
                    o.WriteTag(1, WireFormat.WireType.Varint);
                    o.WriteInt64(way.Id);
                    WritePackedUInt32(o, 2, keys);
                    WritePackedUInt32(o, 3, values);
                    WritePackedSInt64Delta(o, 8, way.Refs.Length, i => way.Refs[i]);
                });
                WriteBytes(g, 3, body);
            }
        });
        WriteBlock(strings, group);
        _ways.Clear();
    }

    private void FlushRelations()
    {
        if (_relations.Count == 0)
        {
            return;
        }

        var strings = new StringTable();
        var group = Message(g =>
        {
            foreach (var relation in _relations)
            {
                var (keys, values) = Tags(strings, relation.Tags);
                var roles = new List<int>();
                var types = new List<int>();
                foreach (var m in relation.Members)
                {
                    roles.Add(strings.Index(m.Role));
                    types.Add((int)m.Type);
                }

                var body = Message(o =>
                {
                    o.WriteTag(1, WireFormat.WireType.Varint);
                    o.WriteInt64(relation.Id);
                    WritePackedUInt32(o, 2, keys);
                    WritePackedUInt32(o, 3, values);
                    WritePackedUInt32(o, 8, roles);
                    WritePackedSInt64Delta(o, 9, relation.Members.Length, i => relation.Members[i].Id);
                    WritePackedUInt32(o, 10, types);
                });
                WriteBytes(g, 4, body);
            }
        });
        WriteBlock(strings, group);
        _relations.Clear();
    }

    private static (List<int> Keys, List<int> Values) Tags(StringTable strings, KeyValuePair<string, string>[] tags)
    {
        var keys = new List<int>(tags.Length);
        var values = new List<int>(tags.Length);
        foreach (var tag in tags)
        {
            keys.Add(strings.Index(tag.Key));
            values.Add(strings.Index(tag.Value));
        }

        return (keys, values);
    }

    private void WriteBlock(StringTable strings, byte[] group)
    {
        var table = Message(o =>
        {
            foreach (var s in strings.All)
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(ByteString.CopyFromUtf8(s));
            }
        });
        var block = Message(o =>
        {
            WriteBytes(o, 1, table);
            WriteBytes(o, 2, group);
        });
        WriteBlob("OSMData", block);
    }

    private void WriteBlob(string type, byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var deflater = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(raw);
        }

        var zlib = compressed.ToArray();
        var blob = Message(o =>
        {
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt32(raw.Length);
            WriteBytes(o, 3, zlib);
        });
        var header = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(type);
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteInt32(blob.Length);
        });
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, header.Length);
        _output.Write(length);
        _output.Write(header);
        _output.Write(blob);
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    private static void WriteBytes(CodedOutputStream output, int field, byte[] bytes)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(bytes));
    }

    private static void WritePackedSInt64Delta(CodedOutputStream output, int field, int count, Func<int, long> value)
    {
        if (count == 0)
        {
            return;
        }

        var body = Message(o =>
        {
            long previous = 0;
            for (var i = 0; i < count; i++)
            {
                var v = value(i);
                o.WriteSInt64(v - previous);
                previous = v;
            }
        });
        WriteBytes(output, field, body);
    }

    private static void WritePackedUInt32(CodedOutputStream output, int field, List<int> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var body = Message(o =>
        {
            foreach (var v in values)
            {
                o.WriteUInt32((uint)v);
            }
        });
        WriteBytes(output, field, body);
    }

    /// <summary>A block's string table; index 0 is reserved for the empty string by the format.</summary>
    private sealed class StringTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal) { [string.Empty] = 0 };
        private readonly List<string> _all = [string.Empty];

        public IReadOnlyList<string> All => _all;

        public int Index(string value)
        {
            if (!_index.TryGetValue(value, out var index))
            {
                index = _all.Count;
                _all.Add(value);
                _index[value] = index;
            }

            return index;
        }
    }
}
