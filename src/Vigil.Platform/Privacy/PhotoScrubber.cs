namespace Vigil.Platform.Privacy;

/// <summary>
/// Accepts a resident's photo only when its bytes are a JPEG, PNG or WebP (the file name and declared type are not
/// trusted) and returns it with its metadata removed: camera Exif carries the GPS position of where it was taken,
/// often the resident's home, the capture time and the device's serial number.
/// </summary>
public static class PhotoScrubber
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";

    /// <summary>The image type the bytes are, by their signature; null when they are none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        return data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8) ? Webp : null;
    }

    public static bool TryScrub(ReadOnlySpan<byte> data, out string contentType, out byte[] clean, out string? error)
    {
        contentType = Sniff(data) ?? string.Empty;
        clean = [];
        switch (contentType)
        {
            case Jpeg:
                return JpegScrubber.TryScrub(data, out clean, out error);
            case Png:
                return PngScrubber.TryScrub(data, out clean, out error);
            case Webp:
                return WebpScrubber.TryScrub(data, out clean, out error);
            default:
                error = "must be a JPEG, PNG or WebP image.";
                return false;
        }
    }
}
