using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace Vigil.Routing.Osm;

/// <summary>
/// Reads the OpenStreetMap PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format) with the low-level
/// <see cref="CodedInputStream"/> of Google.Protobuf and <see cref="ZLibStream"/>; no generated classes.
/// Supports the features every planet and Geofabrik extract declares: <c>OsmSchema-V0.6</c> and <c>DenseNodes</c>.
/// Buffers are pooled and reused between blocks, so a pass allocates per block, never per element.
/// </summary>
public sealed class OsmPbfReader
{
    // The format caps a BlobHeader at 64 KiB and a Blob at 32 MiB; anything larger is corrupt input.
    private const int MaxBlobHeaderSize = 64 * 1024;
    private const int MaxBlobSize = 32 * 1024 * 1024;

    private static readonly string[] SupportedFeatures = ["OsmSchema-V0.6", "DenseNodes"];

    private readonly IOsmHandler _handler;
    private readonly OsmElementKinds _kinds;

    private string[] _strings = new string[1024];
    private int _stringCount;
    private long[] _ids = new long[8192];
    private long[] _lats = new long[8192];
    private long[] _lons = new long[8192];
    private int[] _keysVals = new int[8192];
    private int[] _keys = new int[64];
    private int[] _values = new int[64];
    private long[] _refs = new long[2048];
    private int[] _roles = new int[256];
    private long[] _memberIds = new long[256];
    private int[] _memberTypes = new int[256];
    private OsmMember[] _members = new OsmMember[256];
    private readonly List<(int Start, int Length)> _groups = [];

    private int _granularity;
    private long _latOffset;
    private long _lonOffset;

    private OsmPbfReader(IOsmHandler handler, OsmElementKinds kinds)
    {
        _handler = handler;
        _kinds = kinds;
    }

    /// <summary>
    /// Reads every block of <paramref name="stream"/> and hands the requested element kinds to <paramref name="handler"/>.
    /// </summary>
    /// <param name="progress">Receives the number of bytes consumed after each block.</param>
    /// <exception cref="OsmFormatException">The stream is not a valid or supported OSM PBF file.</exception>
    public static void Read(
        Stream stream,
        IOsmHandler handler,
        OsmElementKinds kinds,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        new OsmPbfReader(handler, kinds).ReadAll(stream, progress, cancellationToken);
    }

    private void ReadAll(Stream stream, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        Span<byte> lengthPrefix = stackalloc byte[4];
        var headerBuffer = ArrayPool<byte>.Shared.Rent(MaxBlobHeaderSize);
        var blobBuffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        var blockBuffer = ArrayPool<byte>.Shared.Rent(1 << 22);
        long consumed = 0;
        var sawHeader = false;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var got = stream.ReadAtLeast(lengthPrefix, 4, throwOnEndOfStream: false);
                if (got == 0)
                {
                    break;
                }

                if (got < 4)
                {
                    throw new OsmFormatException($"Truncated blob length prefix at byte {consumed}.");
                }

                var headerLength = BinaryPrimitives.ReadInt32BigEndian(lengthPrefix);
                if (headerLength <= 0 || headerLength > MaxBlobHeaderSize)
                {
                    throw new OsmFormatException($"Invalid BlobHeader length {headerLength} at byte {consumed}: not an OSM PBF file.");
                }

                ReadExactly(stream, headerBuffer, headerLength, consumed);
                var (type, dataSize) = ParseBlobHeader(headerBuffer, headerLength);
                if (dataSize < 0 || dataSize > MaxBlobSize)
                {
                    throw new OsmFormatException($"Invalid blob size {dataSize} at byte {consumed}.");
                }

                if (blobBuffer.Length < dataSize)
                {
                    ArrayPool<byte>.Shared.Return(blobBuffer);
                    blobBuffer = ArrayPool<byte>.Shared.Rent(dataSize);
                }

                ReadExactly(stream, blobBuffer, dataSize, consumed);
                consumed += 4 + headerLength + dataSize;

                if (type == "OSMHeader")
                {
                    var length = Decompress(blobBuffer, dataSize, ref blockBuffer);
                    CheckHeader(blockBuffer, length);
                    sawHeader = true;
                }
                else if (type == "OSMData")
                {
                    if (!sawHeader)
                    {
                        throw new OsmFormatException("OSMData blob before the OSMHeader blob.");
                    }

                    if (_kinds != OsmElementKinds.None)
                    {
                        var length = Decompress(blobBuffer, dataSize, ref blockBuffer);
                        ParseBlock(blockBuffer, length);
                    }
                }

                // Unknown blob types are skipped, as the format requires.
                progress?.Report(consumed);
            }

            if (!sawHeader)
            {
                throw new OsmFormatException("The file holds no OSMHeader blob: not an OSM PBF file.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(headerBuffer);
            ArrayPool<byte>.Shared.Return(blobBuffer);
            ArrayPool<byte>.Shared.Return(blockBuffer);
        }
    }

    private static void ReadExactly(Stream stream, byte[] buffer, int count, long at)
    {
        if (stream.ReadAtLeast(buffer.AsSpan(0, count), count, throwOnEndOfStream: false) < count)
        {
            throw new OsmFormatException($"Unexpected end of file in the blob after byte {at}.");
        }
    }

    private static (string Type, int DataSize) ParseBlobHeader(byte[] buffer, int length)
    {
        var input = new CodedInputStream(buffer, 0, length);
        var type = string.Empty;
        var dataSize = -1;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case (1 << 3) | 2:
                    type = input.ReadString();
                    break;
                case 3 << 3:
                    dataSize = input.ReadInt32();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (type, dataSize);
    }

    private static int Decompress(byte[] blob, int blobLength, ref byte[] block)
    {
        var input = new CodedInputStream(blob, 0, blobLength);
        var rawSize = -1;
        (int Start, int Length) raw = (-1, 0);
        (int Start, int Length) zlib = (-1, 0);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case (1 << 3) | 2:
                    raw = SkipLengthDelimited(input, blob);
                    break;
                case 2 << 3:
                    rawSize = input.ReadInt32();
                    break;
                case (3 << 3) | 2:
                    zlib = SkipLengthDelimited(input, blob);
                    break;
                case (4 << 3) | 2:
                case (5 << 3) | 2:
                case (6 << 3) | 2:
                case (7 << 3) | 2:
                    throw new OsmFormatException("Blob compression other than zlib (lzma, bzip2, lz4, zstd) is not supported.");
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (raw.Start >= 0)
        {
            EnsureCapacity(ref block, raw.Length);
            Buffer.BlockCopy(blob, raw.Start, block, 0, raw.Length);
            return raw.Length;
        }

        if (zlib.Start < 0 || rawSize < 0 || rawSize > MaxBlobSize)
        {
            throw new OsmFormatException("Blob without data or with an invalid raw_size.");
        }

        EnsureCapacity(ref block, rawSize);
        using var compressed = new MemoryStream(blob, zlib.Start, zlib.Length, writable: false);
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        try
        {
            var got = inflater.ReadAtLeast(block.AsSpan(0, rawSize), rawSize, throwOnEndOfStream: false);
            if (got != rawSize)
            {
                throw new OsmFormatException($"Blob inflated to {got} bytes, raw_size says {rawSize}.");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new OsmFormatException("Corrupt zlib data in a blob.", ex);
        }

        return rawSize;
    }

    private static void EnsureCapacity(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(size);
        }
    }

    /// <summary>
    /// Skips a length-delimited field whose tag was just read and returns where its payload lies in the buffer
    /// (CodedInputStream's limit API is internal, so the payload bounds are recovered from the varint length).
    /// </summary>
    private static (int Start, int Length) SkipLengthDelimited(CodedInputStream input, byte[] buffer)
    {
        var before = (int)input.Position;
        input.SkipLastField();
        var after = (int)input.Position;
        var length = 0;
        var shift = 0;
        var i = before;
        while (true)
        {
            var b = buffer[i++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        return (after - length, length);
    }

    private static void CheckHeader(byte[] buffer, int length)
    {
        var input = new CodedInputStream(buffer, 0, length);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == ((4 << 3) | 2))
            {
                var feature = input.ReadString();
                if (Array.IndexOf(SupportedFeatures, feature) < 0)
                {
                    throw new OsmFormatException($"The file requires the unsupported feature '{feature}'.");
                }
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private void ParseBlock(byte[] buffer, int length)
    {
        var input = new CodedInputStream(buffer, 0, length);
        _granularity = 100;
        _latOffset = 0;
        _lonOffset = 0;
        _stringCount = 0;
        _groups.Clear();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (tag)
            {
                case (1 << 3) | 2:
                    ReadStringTable(input);
                    break;
                case (2 << 3) | 2:
                    // Groups come before granularity and offsets in the encoding, so they are decoded afterwards.
                    _groups.Add(SkipLengthDelimited(input, buffer));
                    break;
                case 17 << 3:
                    _granularity = input.ReadInt32();
                    break;
                case 19 << 3:
                    _latOffset = input.ReadInt64();
                    break;
                case 20 << 3:
                    _lonOffset = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        foreach (var (start, groupLength) in _groups)
        {
            ParseGroup(new CodedInputStream(buffer, start, groupLength), start + groupLength);
        }
    }

    private void ReadStringTable(CodedInputStream input)
    {
        var end = input.ReadLength() + input.Position;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            if (tag == ((1 << 3) | 2))
            {
                if (_stringCount == _strings.Length)
                {
                    Array.Resize(ref _strings, _strings.Length * 2);
                }

                _strings[_stringCount++] = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private void ParseGroup(CodedInputStream input, int end)
    {
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case (1 << 3) | 2 when (_kinds & OsmElementKinds.Nodes) != 0:
                    ParseNode(input);
                    break;
                case (2 << 3) | 2 when (_kinds & OsmElementKinds.Nodes) != 0:
                    ParseDenseNodes(input);
                    break;
                case (3 << 3) | 2 when (_kinds & OsmElementKinds.Ways) != 0:
                    ParseWay(input);
                    break;
                case (4 << 3) | 2 when (_kinds & OsmElementKinds.Relations) != 0:
                    ParseRelation(input);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private int ToE7(long raw, long offset) => (int)((offset + (_granularity * raw)) / 100);

    private ReadOnlySpan<string> Strings => _strings.AsSpan(0, _stringCount);

    private void ParseNode(CodedInputStream input)
    {
        var end = input.ReadLength() + input.Position;
        long id = 0;
        long lat = 0;
        long lon = 0;
        var keyCount = 0;
        var valueCount = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case 1 << 3:
                    id = input.ReadSInt64();
                    break;
                case (2 << 3) | 2:
                    keyCount = ReadPackedUInt32(input, ref _keys);
                    break;
                case (3 << 3) | 2:
                    valueCount = ReadPackedUInt32(input, ref _values);
                    break;
                case 8 << 3:
                    lat = input.ReadSInt64();
                    break;
                case 9 << 3:
                    lon = input.ReadSInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        var tags = new OsmTagList(Strings, _keys.AsSpan(0, keyCount), _values.AsSpan(0, Math.Min(keyCount, valueCount)));
        _handler.Node(id, ToE7(lat, _latOffset), ToE7(lon, _lonOffset), tags);
    }

    private void ParseDenseNodes(CodedInputStream input)
    {
        var end = input.ReadLength() + input.Position;
        var idCount = 0;
        var latCount = 0;
        var lonCount = 0;
        var kvCount = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case (1 << 3) | 2:
                    idCount = ReadPackedSInt64(input, ref _ids);
                    break;
                case (8 << 3) | 2:
                    latCount = ReadPackedSInt64(input, ref _lats);
                    break;
                case (9 << 3) | 2:
                    lonCount = ReadPackedSInt64(input, ref _lons);
                    break;
                case (10 << 3) | 2:
                    kvCount = ReadPackedUInt32(input, ref _keysVals);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (latCount != idCount || lonCount != idCount)
        {
            throw new OsmFormatException("DenseNodes with id, lat and lon arrays of different lengths.");
        }

        long id = 0;
        long lat = 0;
        long lon = 0;
        var kv = 0;
        for (var i = 0; i < idCount; i++)
        {
            // Ids and coordinates are delta-coded; keys_vals holds key,value pairs per node, each list closed by 0.
            id += _ids[i];
            lat += _lats[i];
            lon += _lons[i];
            var tagCount = 0;
            while (kv < kvCount && _keysVals[kv] != 0)
            {
                if (kv + 1 >= kvCount)
                {
                    throw new OsmFormatException("DenseNodes keys_vals ends inside a key/value pair.");
                }

                if (tagCount == _keys.Length)
                {
                    Array.Resize(ref _keys, tagCount * 2);
                    Array.Resize(ref _values, tagCount * 2);
                }

                _keys[tagCount] = _keysVals[kv];
                _values[tagCount] = _keysVals[kv + 1];
                tagCount++;
                kv += 2;
            }

            kv++;
            var tags = new OsmTagList(Strings, _keys.AsSpan(0, tagCount), _values.AsSpan(0, tagCount));
            _handler.Node(id, ToE7(lat, _latOffset), ToE7(lon, _lonOffset), tags);
        }
    }

    private void ParseWay(CodedInputStream input)
    {
        var end = input.ReadLength() + input.Position;
        long id = 0;
        var keyCount = 0;
        var valueCount = 0;
        var refCount = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case 1 << 3:
                    id = input.ReadInt64();
                    break;
                case (2 << 3) | 2:
                    keyCount = ReadPackedUInt32(input, ref _keys);
                    break;
                case (3 << 3) | 2:
                    valueCount = ReadPackedUInt32(input, ref _values);
                    break;
                case (8 << 3) | 2:
                    refCount = ReadPackedSInt64(input, ref _refs);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        long node = 0;
        for (var i = 0; i < refCount; i++)
        {
            node += _refs[i];
            _refs[i] = node;
        }

        var tags = new OsmTagList(Strings, _keys.AsSpan(0, keyCount), _values.AsSpan(0, Math.Min(keyCount, valueCount)));
        _handler.Way(id, _refs.AsSpan(0, refCount), tags);
    }

    private void ParseRelation(CodedInputStream input)
    {
        var end = input.ReadLength() + input.Position;
        long id = 0;
        var keyCount = 0;
        var valueCount = 0;
        var roleCount = 0;
        var memberCount = 0;
        var typeCount = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case 1 << 3:
                    id = input.ReadInt64();
                    break;
                case (2 << 3) | 2:
                    keyCount = ReadPackedUInt32(input, ref _keys);
                    break;
                case (3 << 3) | 2:
                    valueCount = ReadPackedUInt32(input, ref _values);
                    break;
                case (8 << 3) | 2:
                    roleCount = ReadPackedUInt32(input, ref _roles);
                    break;
                case (9 << 3) | 2:
                    memberCount = ReadPackedSInt64(input, ref _memberIds);
                    break;
                case (10 << 3) | 2:
                    typeCount = ReadPackedUInt32(input, ref _memberTypes, stringIndices: false);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (roleCount != memberCount || typeCount != memberCount)
        {
            throw new OsmFormatException($"Relation {id} has member arrays of different lengths.");
        }

        if (_members.Length < memberCount)
        {
            _members = new OsmMember[Math.Max(memberCount, _members.Length * 2)];
        }

        long memberId = 0;
        for (var i = 0; i < memberCount; i++)
        {
            memberId += _memberIds[i];
            var role = (uint)_roles[i] < (uint)_stringCount ? _strings[_roles[i]] : string.Empty;
            _members[i] = new OsmMember((OsmMemberType)_memberTypes[i], memberId, role);
        }

        var tags = new OsmTagList(Strings, _keys.AsSpan(0, keyCount), _values.AsSpan(0, Math.Min(keyCount, valueCount)));
        _handler.Relation(id, _members.AsSpan(0, memberCount), tags);
    }

    private static int ReadPackedSInt64(CodedInputStream input, ref long[] target)
    {
        var end = input.ReadLength() + input.Position;
        var count = 0;
        while (input.Position < end)
        {
            if (count == target.Length)
            {
                Array.Resize(ref target, target.Length * 2);
            }

            target[count++] = input.ReadSInt64();
        }

        return count;
    }

    private int ReadPackedUInt32(CodedInputStream input, ref int[] target, bool stringIndices = true)
    {
        var end = input.ReadLength() + input.Position;
        var count = 0;
        while (input.Position < end)
        {
            if (count == target.Length)
            {
                Array.Resize(ref target, target.Length * 2);
            }

            var value = input.ReadUInt32();
            if (stringIndices && value >= (uint)_stringCount)
            {
                throw new OsmFormatException($"String index {value} outside the block's string table.");
            }

            target[count++] = (int)value;
        }

        return count;
    }
}
