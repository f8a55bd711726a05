using Vigil.Platform.Ports;
using Vigil.Platform.Privacy;

namespace Vigil.Server.Web;

/// <summary>
/// Checks a photo uploaded with a report. The declared type is not trusted: the bytes must start with the JPEG, PNG
/// or WebP signature, so that the console never serves an uploaded script or page back as an image, and the stored
/// copy has its metadata (Exif GPS position, camera serial, capture time, comments) removed.
/// </summary>
public static class ReportPhotos
{
    public static ReportPhoto? TryDecode(string? contentType, string? base64, int maxBytes, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(base64))
        {
            error = "has no data (base64).";
            return null;
        }

        // A data URL ("data:image/png;base64,...") is what browsers hand out; accept it as well as bare base64.
        var comma = base64.StartsWith("data:", StringComparison.Ordinal) ? base64.IndexOf(',', StringComparison.Ordinal) : -1;
        var payload = comma >= 0 ? base64.AsSpan(comma + 1) : base64.AsSpan();
        if (payload.Length > ((maxBytes + 2) / 3 * 4) + 4)
        {
            error = $"must be at most {maxBytes / (1024 * 1024)} MiB.";
            return null;
        }

        var bytes = new byte[(payload.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(payload, bytes, out var length))
        {
            error = "data is not valid base64.";
            return null;
        }

        if (!PhotoScrubber.TryScrub(bytes.AsSpan(0, length), out var sniffed, out var clean, out error))
        {
            return null;
        }

        if (contentType is not null && !string.Equals(contentType, sniffed, StringComparison.OrdinalIgnoreCase))
        {
            error = $"is declared {contentType} but is {sniffed}.";
            return null;
        }

        return new ReportPhoto(sniffed, clean);
    }
}
