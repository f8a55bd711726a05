using System.Text;
using Vigil.Platform.Privacy;
using Xunit;
using static Vigil.Platform.Tests.Privacy.TestImages;

namespace Vigil.Platform.Tests.Privacy;

public sealed class PhotoScrubberTests
{
    private static byte[] CleanJpeg => Jpeg(Soi, Jfif, Dqt, Sof0, DhtDc, DhtAc, Sos, ScanData, Eoi);

    [Fact]
    public void Jpeg_with_gps_exif_xmp_iptc_and_comment_comes_out_as_exactly_the_image_without_them()
    {
        var exif = ExifWithGps();
        var photo = Jpeg(Soi, Jfif, exif, Xmp, PhotoshopIptc, Comment, Dqt, Sof0, DhtDc, DhtAc, Sos, ScanData, Eoi);
        Assert.True(Contains(photo, [0x88, 0x25]));

        Assert.True(PhotoScrubber.TryScrub(photo, out var type, out var clean, out var error), error);

        Assert.Equal("image/jpeg", type);
        Assert.Equal(CleanJpeg, clean);
        Assert.False(Contains(clean, "Exif"u8));
        Assert.False(Contains(clean, "xap/1.0"u8));
        Assert.False(Contains(clean, "8BIM"u8));
        Assert.False(Contains(clean, "Elm Street"u8));
        Assert.False(Contains(clean, exif.AsSpan(10, 40)));
    }

    [Fact]
    public void Jpeg_keeps_its_icc_colour_profile_but_not_other_app2_data()
    {
        var mpf = Segment(0xE2, [.. "MPF\0"u8, 1, 2, 3, 4]);
        var photo = Jpeg(Soi, Jfif, IccProfile, mpf, Dqt, Sof0, DhtDc, DhtAc, Sos, ScanData, Eoi);

        Assert.True(PhotoScrubber.TryScrub(photo, out _, out var clean, out _));

        Assert.Equal(Jpeg(Soi, Jfif, IccProfile, Dqt, Sof0, DhtDc, DhtAc, Sos, ScanData, Eoi), clean);
    }

    [Fact]
    public void Jpeg_scan_with_stuffed_bytes_and_restart_markers_is_copied_unchanged_and_trailing_bytes_dropped()
    {
        byte[] scan = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD1, 0x78];
        var photo = Jpeg(Soi, Dqt, Sof0, DhtDc, DhtAc, Sos, scan, Eoi, Encoding.ASCII.GetBytes("GPS 45.5 -122.6"));

        Assert.True(PhotoScrubber.TryScrub(photo, out _, out var clean, out _));

        Assert.Equal(Jpeg(Soi, Dqt, Sof0, DhtDc, DhtAc, Sos, scan, Eoi), clean);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(30)]
    [InlineData(60)]
    public void Truncated_jpeg_is_refused(int keep)
    {
        var photo = Jpeg(Soi, Jfif, ExifWithGps(), Dqt, Sof0, DhtDc, DhtAc, Sos, ScanData, Eoi);

        Assert.False(PhotoScrubber.TryScrub(photo.AsSpan(0, keep), out _, out _, out var error));
        Assert.Contains("JPEG", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_loses_exif_and_text_chunks_and_keeps_image_chunks_byte_for_byte()
    {
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        var ihdr = PngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        // zlib stream of one filter byte and one grey pixel (stored block).
        var idat = PngChunk("IDAT", [0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x80, 0x00, 0x81, 0x00, 0x81]);
        var iend = PngChunk("IEND", []);
        byte[] photo = [.. signature, .. ihdr, .. PngChunk("eXIf", ExifWithGps()[10..]), .. PngChunk("tEXt", [.. "Comment\0"u8, .. "12 Elm Street"u8]),
            .. PngChunk("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. "<x/>"u8]), .. PngChunk("zTXt", [.. "Raw\0\0"u8, 0x78, 0x01]), .. PngChunk("tIME", [7, 234, 11, 23, 12, 0, 0]),
            .. idat, .. iend];

        Assert.True(PhotoScrubber.TryScrub(photo, out var type, out var clean, out var error), error);

        Assert.Equal("image/png", type);
        Assert.Equal([.. signature, .. ihdr, .. idat, .. iend], clean);
    }

    [Fact]
    public void Png_without_iend_or_with_a_chunk_past_the_end_is_refused()
    {
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        var ihdr = PngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        Assert.False(PhotoScrubber.TryScrub([.. signature, .. ihdr], out _, out _, out _));
        Assert.False(PhotoScrubber.TryScrub([.. signature, .. ihdr[..10]], out _, out _, out _));
    }

    [Fact]
    public void Webp_loses_exif_and_xmp_chunks_its_header_flags_and_gets_a_correct_riff_size()
    {
        // VP8X flags: ICC (0x20), alpha (0x10), EXIF (0x08), XMP (0x04); then 24-bit width-1 and height-1.
        var vp8x = WebpChunk("VP8X", [0x3C, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var image = WebpChunk("VP8L", [0x2F, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00]);
        var photo = Webp(vp8x, image, WebpChunk("EXIF", ExifWithGps()[10..]), WebpChunk("XMP ", "<x:xmpmeta>GPS</x:xmpmeta>"u8.ToArray()));

        Assert.True(PhotoScrubber.TryScrub(photo, out var type, out var clean, out var error), error);

        Assert.Equal("image/webp", type);
        Assert.Equal(Webp(WebpChunk("VP8X", [0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0]), image), clean);
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00")]
    [InlineData("<html><script>alert(1)</script></html>")]
    [InlineData("")]
    public void Anything_but_jpeg_png_or_webp_is_refused_whatever_it_is_called(string content)
    {
        Assert.False(PhotoScrubber.TryScrub(Encoding.Latin1.GetBytes(content), out _, out _, out var error));
        Assert.Equal("must be a JPEG, PNG or WebP image.", error);
    }
}
