using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Vigil.Platform.Contracts;
using Vigil.Platform.Privacy;

namespace Vigil.Benchmarks.Privacy;

/// <summary>
/// What reporter privacy costs per report: stripping metadata from a 3 MiB phone-sized JPEG beside the plain copy
/// every upload makes anyway, and sealing / opening a contact with AES-256-GCM beside serialising it to JSON alone.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PrivacyBenchmarks
{
    private static readonly ContactDetails Contact = new("Pat Resident", "pat.resident@example.org", "+1 503 555 0199");
    private byte[] _jpeg = [];
    private ContactCipher _cipher = null!;
    private string _sealed = "";

    [GlobalSetup]
    public void Setup()
    {
        static byte[] Segment(byte marker, byte[] payload) => [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

        // A camera-like file: JFIF, a 60 KB Exif block (GPS and a thumbnail, typical of phones), a comment, the
        // tables, and 3 MiB of entropy-coded data with byte stuffing where 0xFF occurs.
        var random = new Random(7);
        var scan = new byte[3 * 1024 * 1024];
        random.NextBytes(scan);
        for (var i = 0; i < scan.Length - 1; i++)
        {
            if (scan[i] == 0xFF)
            {
                scan[++i] = 0x00;
            }
        }

        scan[^1] = 0x00;
        var exif = new byte[60_000];
        random.NextBytes(exif);
        _jpeg =
        [
            0xFF, 0xD8,
            .. Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
            .. Segment(0xE1, [.. "Exif\0\0"u8, .. exif]),
            .. Segment(0xFE, Encoding.ASCII.GetBytes("GPS 45.5 -122.6")),
            .. Segment(0xDB, [0, .. new byte[64]]),
            .. Segment(0xC0, [8, 0x0B, 0xB8, 0x0F, 0xA0, 1, 1, 0x11, 0]),
            .. Segment(0xC4, [0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            .. Segment(0xDA, [1, 1, 0x00, 0, 63, 0]),
            .. scan,
            0xFF, 0xD9,
        ];
        _cipher = new ContactCipher(new ContactKeyRing(new Dictionary<string, byte[]> { ["k1"] = ContactKeyRing.NewKey() }, "k1"));
        _sealed = _cipher.Seal(Contact, "R-AAAAA-BBBBB");
    }

    [Benchmark(Baseline = true, Description = "copy 3 MiB JPEG (baseline)")]
    [BenchmarkCategory("photo")]
    public byte[] CopyPhoto() => _jpeg.AsSpan().ToArray();

    [Benchmark(Description = "strip JPEG metadata")]
    [BenchmarkCategory("photo")]
    public byte[] StripPhoto() => PhotoScrubber.TryScrub(_jpeg, out _, out var clean, out _) ? clean : [];

    [Benchmark(Baseline = true, Description = "contact to JSON (baseline)")]
    [BenchmarkCategory("contact")]
    public byte[] SerializeContact() => JsonSerializer.SerializeToUtf8Bytes(Contact, VigilJson.Default.ContactDetails);

    [Benchmark(Description = "seal contact (AES-GCM)")]
    [BenchmarkCategory("contact")]
    public string SealContact() => _cipher.Seal(Contact, "R-AAAAA-BBBBB");

    [Benchmark(Description = "open contact (AES-GCM)")]
    [BenchmarkCategory("contact")]
    public ContactDetails? OpenContact() => _cipher.TryOpen(_sealed, "R-AAAAA-BBBBB", out var contact) ? contact : null;
}
