using System.Buffers;

namespace Vigil.Platform.Privacy;

/// <summary>
/// Removes metadata from a JPEG by walking its marker segments (ITU-T T.81, annex B): APP1 (Exif, with its GPS IFD,
/// and XMP), APP13 (Photoshop IRB / IPTC), COM, the vendor APP3-APP12 and APP15 segments, any APP2 that is not an ICC
/// colour profile (MPF there carries whole extra images with their own Exif), and anything after EOI. The frame,
/// tables and entropy-coded scans are copied byte for byte, so the picture decodes exactly as before.
/// </summary>
public static class JpegScrubber
{
    private const byte Soi = 0xD8;
    private const byte Eoi = 0xD9;
    private const byte Sos = 0xDA;
    private const byte App0 = 0xE0;
    private const byte App2 = 0xE2;
    private const byte App14 = 0xEE;

    public static bool TryScrub(ReadOnlySpan<byte> jpeg, out byte[] clean, out string? error)
    {
        clean = [];
        error = null;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != Soi)
        {
            error = "is not a JPEG (no start-of-image marker).";
            return false;
        }

        // Scrubbing only drops bytes, so the output fits in a buffer the size of the input; it is rented, and the one
        // allocation is the exact-size result. The buffer is cleared on return: it held a resident's photo.
        var output = ArrayPool<byte>.Shared.Rent(jpeg.Length);
        try
        {
            return Scrub(jpeg, output, out clean, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output, clearArray: true);
        }
    }

    private static bool Scrub(ReadOnlySpan<byte> jpeg, byte[] output, out byte[] clean, out string? error)
    {
        clean = [];
        error = null;
        jpeg[..2].CopyTo(output);
        var written = 2;
        var at = 2;
        while (true)
        {
            if (at >= jpeg.Length || jpeg[at] != 0xFF)
            {
                error = "is a truncated or malformed JPEG (expected a marker).";
                return false;
            }

            // Any number of 0xFF fill bytes may precede a marker code (T.81 B.1.1.2).
            while (at < jpeg.Length && jpeg[at] == 0xFF)
            {
                at++;
            }

            if (at >= jpeg.Length)
            {
                error = "is a truncated JPEG.";
                return false;
            }

            var marker = jpeg[at++];
            if (marker == Eoi)
            {
                output[written++] = 0xFF;
                output[written++] = Eoi;
                clean = output.AsSpan(0, written).ToArray();
                return true;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                output[written++] = 0xFF;
                output[written++] = marker;
                continue;
            }

            if (at + 2 > jpeg.Length)
            {
                error = "is a truncated JPEG (segment length).";
                return false;
            }

            var length = (jpeg[at] << 8) | jpeg[at + 1];
            if (length < 2 || at + length > jpeg.Length)
            {
                error = "is a malformed JPEG (segment runs past the end).";
                return false;
            }

            var segment = jpeg.Slice(at, length);
            at += length;
            if (!Keep(marker, segment[2..]))
            {
                continue;
            }

            output[written++] = 0xFF;
            output[written++] = marker;
            segment.CopyTo(output.AsSpan(written));
            written += segment.Length;
            if (marker == Sos)
            {
                // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker;
                // a vectorised search for 0xFF skips the data in between.
                var start = at;
                while (true)
                {
                    var next = jpeg[at..].IndexOf((byte)0xFF);
                    if (next < 0 || at + next + 1 >= jpeg.Length)
                    {
                        error = "is a truncated JPEG (scan data has no end).";
                        return false;
                    }

                    at += next;
                    if (jpeg[at + 1] is 0x00 or (>= 0xD0 and <= 0xD7))
                    {
                        at += 2;
                        continue;
                    }

                    break;
                }

                jpeg[start..at].CopyTo(output.AsSpan(written));
                written += at - start;
            }
        }
    }

    private static bool Keep(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        App0 or App14 => true,
        App2 => payload.StartsWith("ICC_PROFILE\0"u8),
        >= 0xE0 and <= 0xEF => false,
        0xFE => false,
        _ => true,
    };
}
