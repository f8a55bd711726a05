using System.Buffers;
using System.Buffers.Binary;

namespace Vigil.Platform.Privacy;

/// <summary>
/// Removes metadata chunks from a PNG (ISO/IEC 15948 and the PNG 1.2 extension eXIf): eXIf, tEXt, iTXt, zTXt and tIME.
/// Every other chunk, with its CRC, is copied unchanged; the chunk list must be well formed and end with IEND.
/// </summary>
public static class PngScrubber
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool TryScrub(ReadOnlySpan<byte> png, out byte[] clean, out string? error)
    {
        clean = [];
        error = null;
        if (!png.StartsWith(Signature))
        {
            error = "is not a PNG (bad signature).";
            return false;
        }

        var output = new ArrayBufferWriter<byte>(png.Length);
        output.Write(Signature);
        var at = Signature.Length;
        var first = true;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (length > int.MaxValue || at + 12 + (long)length > png.Length)
            {
                error = "is a malformed PNG (chunk runs past the end).";
                return false;
            }

            var type = png.Slice(at + 4, 4);
            var chunk = png.Slice(at, 12 + (int)length);
            at += chunk.Length;
            if (first && !type.SequenceEqual("IHDR"u8))
            {
                error = "is a malformed PNG (IHDR must come first).";
                return false;
            }

            first = false;
            if (IsMetadata(type))
            {
                continue;
            }

            output.Write(chunk);
            if (type.SequenceEqual("IEND"u8))
            {
                clean = output.WrittenSpan.ToArray();
                return true;
            }
        }

        error = "is a truncated PNG (no IEND chunk).";
        return false;
    }

    private static bool IsMetadata(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("eXIf"u8) || type.SequenceEqual("tEXt"u8) || type.SequenceEqual("iTXt"u8) || type.SequenceEqual("zTXt"u8) || type.SequenceEqual("tIME"u8);
}
