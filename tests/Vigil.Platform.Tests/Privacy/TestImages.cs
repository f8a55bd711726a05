using System.Buffers.Binary;
using System.Text;

namespace Vigil.Platform.Tests.Privacy;

/// <summary>
/// Image files built byte by byte from their published structure, so the tests need no sample files and say exactly
/// what each contains. The JPEG is a complete baseline image (ITU-T T.81): 8×8 grey, one DC-only block, Huffman
/// tables with a single one-bit code each; it decodes to a flat grey square.
/// </summary>
internal static class TestImages
{
    public static readonly byte[] Soi = [0xFF, 0xD8];
    public static readonly byte[] Eoi = [0xFF, 0xD9];

    public static byte[] Jfif => Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

    public static byte[] Dqt => Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);

    // 8 bits, 8×8, one component (id 1, no subsampling, quantisation table 0).
    public static byte[] Sof0 => Segment(0xC0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);

    // One code of length 1 for symbol 0: DC "difference category 0" / AC "end of block".
    public static byte[] DhtDc => Segment(0xC4, [0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    public static byte[] DhtAc => Segment(0xC4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    public static byte[] Sos => Segment(0xDA, [1, 1, 0x00, 0, 63, 0]);

    // DC code "0", AC end-of-block code "0", padded with one-bits: 0b0011_1111.
    public static readonly byte[] ScanData = [0x3F];

    /// <summary>APP1 Exif with an IFD0 pointing at a GPS IFD: latitude 45°31'12.34" N, longitude 122°40'56.78" W (big-endian TIFF).</summary>
    public static byte[] ExifWithGps()
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)(v >> 8)); tiff.Add((byte)v); }
        void U32(long v) { U16((int)(v >> 16)); U16((int)(v & 0xFFFF)); }
        tiff.AddRange("MM\0*"u8.ToArray());
        U32(8);

        // IFD0 at 8: one entry, GPSInfo (0x8825) LONG 1 → offset 26; then next-IFD 0.
        U16(1);
        U16(0x8825); U16(4); U32(1); U32(26);
        U32(0);

        // GPS IFD at 26: four entries (2 + 4 × 12 + 4 = 54 bytes), rationals follow at 80.
        U16(4);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray());
        U16(0x0002); U16(5); U32(3); U32(80);
        U16(0x0003); U16(2); U32(2); tiff.AddRange("W\0\0\0"u8.ToArray());
        U16(0x0004); U16(5); U32(3); U32(104);
        U32(0);
        foreach (var (n, d) in new (long, long)[] { (45, 1), (31, 1), (1234, 100), (122, 1), (40, 1), (5678, 100) })
        {
            U32(n);
            U32(d);
        }

        return Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]);
    }

    public static byte[] Xmp => Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.ASCII.GetBytes("<x:xmpmeta><exif:GPSLatitude>45,31.2N</exif:GPSLatitude></x:xmpmeta>")]);

    public static byte[] Comment => Segment(0xFE, Encoding.ASCII.GetBytes("Taken at 12 Elm Street"));

    public static byte[] PhotoshopIptc => Segment(0xED, [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, 4, 0x1C, 0x02, 0x78, 0x00]);

    public static byte[] IccProfile => Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. new byte[16]]);

    public static byte[] Jpeg(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    public static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static byte[] WebpChunk(string fourCc, byte[] data)
    {
        var padded = data.Length + (data.Length & 1);
        var chunk = new byte[8 + padded];
        Encoding.ASCII.GetBytes(fourCc, chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }

    public static byte[] Webp(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        var riff = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)body.Length);
        body.CopyTo(riff, 8);
        return riff;
    }

    /// <summary>CRC-32 as PNG defines it (ISO 3309 polynomial, the PNG specification's sample code).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
