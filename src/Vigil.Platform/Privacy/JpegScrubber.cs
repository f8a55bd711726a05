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

        var output = new ArrayBufferWriter<byte>(jpeg.Length);
        output.Write(jpeg[..2]);
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
                output.Write<byte>([0xFF, Eoi]);
                clean = output.WrittenSpan.ToArray();
                return true;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                output.Write<byte>([0xFF, marker]);
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

            output.Write<byte>([0xFF, marker]);
            output.Write(segment);
            if (marker == Sos)
            {
                // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
                var start = at;
                while (at + 1 < jpeg.Length && !(jpeg[at] == 0xFF && jpeg[at + 1] != 0x00 && jpeg[at + 1] is < 0xD0 or > 0xD7))
                {
                    at++;
                }

                if (at + 1 >= jpeg.Length)
                {
                    error = "is a truncated JPEG (scan data has no end).";
                    return false;
                }

                output.Write(jpeg[start..at]);
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
