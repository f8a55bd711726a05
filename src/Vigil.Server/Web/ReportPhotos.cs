using Vigil.Platform.Ports;

namespace Vigil.Server.Web;

/// <summary>
/// Checks a photo uploaded with a report. The declared type is not trusted: the bytes must start with the JPEG, PNG
/// or WebP signature, so that the console never serves an uploaded script or page back as an image.
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

        var data = bytes.AsSpan(0, length);
        var sniffed = Sniff(data);
        if (sniffed is null)
        {
            error = "must be a JPEG, PNG or WebP image.";
            return null;
        }

        if (contentType is not null && !string.Equals(contentType, sniffed, StringComparison.OrdinalIgnoreCase))
        {
            error = $"is declared {contentType} but is {sniffed}.";
            return null;
        }

        return new ReportPhoto(sniffed, data.ToArray());
    }

    private static string? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }
}
