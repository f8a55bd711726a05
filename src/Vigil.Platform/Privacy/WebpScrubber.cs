using System.Buffers;
using System.Buffers.Binary;

namespace Vigil.Platform.Privacy;

/// <summary>
/// Removes the EXIF and XMP chunks from a WebP (RIFF container, Google's WebP container specification), clears the
/// matching flags in the VP8X header so decoders do not look for them, and rewrites the RIFF size.
/// </summary>
public static class WebpScrubber
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    public static bool TryScrub(ReadOnlySpan<byte> webp, out byte[] clean, out string? error)
    {
        clean = [];
        error = null;
        if (webp.Length < 12 || !webp.StartsWith("RIFF"u8) || !webp.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            error = "is not a WebP (no RIFF/WEBP header).";
            return false;
        }

        var riffEnd = 8 + (long)BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]);
        if (riffEnd > webp.Length)
        {
            error = "is a truncated WebP (RIFF size past the end).";
            return false;
        }

        var output = new ArrayBufferWriter<byte>(webp.Length);
        output.Write(webp[..12]);
        var at = 12;
        var chunks = 0;
        while (at + 8 <= riffEnd)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(at + 4)..]);
            var padded = 8 + (long)size + (size & 1);
            if (at + 8 + (long)size > riffEnd)
            {
                error = "is a malformed WebP (chunk runs past the end).";
                return false;
            }

            var chunk = webp.Slice(at, (int)Math.Min(padded, riffEnd - at));
            var fourCc = chunk[..4];
            at += chunk.Length;
            if (fourCc.SequenceEqual("EXIF"u8) || fourCc.SequenceEqual("XMP "u8))
            {
                continue;
            }

            if (fourCc.SequenceEqual("VP8X"u8) && size >= 1)
            {
                var header = chunk.ToArray();
                header[8] &= unchecked((byte)~(ExifFlag | XmpFlag));
                output.Write(header);
            }
            else
            {
                output.Write(chunk);
            }

            chunks++;
        }

        if (chunks == 0)
        {
            error = "is a WebP with no image data.";
            return false;
        }

        clean = output.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(clean.AsSpan(4), (uint)(clean.Length - 8));
        return true;
    }
}
