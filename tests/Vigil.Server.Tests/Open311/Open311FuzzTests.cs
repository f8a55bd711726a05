using System.Diagnostics;
using System.Net;
using System.Text;
using Vigil.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Vigil.Server.Tests.Open311;

/// <summary>The real server with limits high enough that fuzzed requests reach the endpoints instead of the limiter.</summary>
public sealed class Open311FuzzServer() : VigilServer(new Dictionary<string, string?>
{
    ["Vigil:Open311:SubmissionsPerMinutePerKey"] = "1000000",
    ["Vigil:Open311:RequestsPerMinutePerAddress"] = "1000000",
});

/// <summary>
/// 100,000 random and malformed requests against every Open311 endpoint, from a fixed seed so that a failure can be
/// replayed: none may get a 5xx, and the server must still be healthy and take a valid request afterwards.
/// </summary>
public sealed class Open311FuzzTests(Open311FuzzServer server, ITestOutputHelper output) : IClassFixture<Open311FuzzServer>
{
    private const int Requests = 100_000;
    private const int Workers = 8;
    private const int Seed = 8311;

    private static readonly string[] Fields =
    [
        "api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string", "address_id", "email", "device_id", "account_id",
        "first_name", "last_name", "phone", "description", "media_url", "attribute[depth]", "attribute[moving]", "attribute[hazard]",
        "attribute[homes_affected]", "attribute[asset][]", "attribute[started]", "attribute[x]", "attribute[", "]", "",
    ];

    private static readonly string[] Codes = ["flooding", "road-hazard", "power-outage", "damaged-infrastructure", "noise", "other", "ufo", "", "FLOODING", "../etc"];

    private static readonly string[] Values =
    [
        "", " ", "0", "-0", "1e308", "-1e309", "NaN", "Infinity", "51.5", "-0.12", "91", "180.0000001", "knee", "yes", "pothole", "streetlight",
        "2026-11-23T10:00:00Z", "2026-13-45T99:99:99Z", "yesterday", "R-00000-00000", "r 0000 0000 0", "https://example.org/a.jpg", "file:///etc/passwd",
        "javascript:alert(1)", "jo@example.org", "@", "a@", "+44 20 7946 0000", "<script>alert(1)</script>", "'; DROP TABLE reports; --", "\u0000",
        "\u001b[31m", "\uFFFF", "\uD800", "😀🔥", "%", "%%", "%ZZ", "&", "=", "vigil.city", "elsewhere.gov", "open", "closed", "open,closed",
    ];

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "multipart/form-data",
        "multipart/form-data; boundary=xyz", "application/json", "text/plain", "application/xml", "", "application/x-www-form-urlencoded; charset=bogus",
    ];

    [Fact]
    public async Task Hundred_thousand_random_and_malformed_requests_get_no_5xx_and_leave_the_server_healthy()
    {
        var key = await Open311Client.IssueKeyAsync(server, "Fuzzer");
        var counts = new int[6];
        var failures = new List<string>();
        var next = -1;
        var closed = 0;
        var clock = Stopwatch.StartNew();
        var workers = new Task[Workers];
        for (var w = 0; w < Workers; w++)
        {
            var client = server.NewClient();
            workers[w] = Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < Requests)
                {
                    // Each request comes from its own seed, so request n is the same whatever the interleaving.
                    using var request = Build(new Random(Seed + n), key);
                    var described = $"#{n} {request.Method} {request.RequestUri}";
                    var oversized = request.Content?.Headers.ContentLength > Server.Open311.Open311Api.MaxBodyBytes;
                    HttpResponseMessage? sent = null;
                    for (var attempt = 0; sent is null; attempt++)
                    {
                        try
                        {
                            using var copy = attempt == 0 ? null : Build(new Random(Seed + n), key);
                            sent = await client.SendAsync(copy ?? request);
                        }
                        catch (HttpRequestException e)
                        {
                            // Kestrel answers 413 and closes the connection while the client is still sending: expected.
                            // A small request that loses its connection is sent once more (pooled keep-alive connections
                            // can be closed under a request); losing it twice is a failure like a 5xx.
                            Interlocked.Increment(ref closed);
                            if (oversized || attempt == 1)
                            {
                                if (!oversized)
                                {
                                    lock (failures)
                                    {
                                        failures.Add($"{described} ({request.Content?.Headers.ContentType}, {request.Content?.Headers.ContentLength} bytes) -> connection dropped twice: {e.Message}");
                                    }
                                }

                                break;
                            }
                        }
                    }

                    if (sent is null)
                    {
                        continue;
                    }

                    using var response = sent;
                    var status = (int)response.StatusCode;
                    Interlocked.Increment(ref counts[Math.Clamp(status / 100, 0, 5)]);
                    if (status >= 500)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        lock (failures)
                        {
                            failures.Add($"{described} -> {status}: {body}");
                        }
                    }
                }
            });
        }

        await Task.WhenAll(workers);
        clock.Stop();
        output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:F1} s ({Requests / clock.Elapsed.TotalSeconds:F0}/s): " +
            $"2xx {counts[2]}, 3xx {counts[3]}, 4xx {counts[4]}, 5xx {counts[5]}, connections dropped {closed} (oversized bodies, and small requests sent again)");

        Assert.True(failures.Count == 0, $"{failures.Count} requests got a 5xx or a dropped connection; first: {string.Join("\n", failures.Take(8))}");
        Assert.True(counts[2] + counts[3] + counts[4] >= Requests - closed, "every request is answered or its connection accounted for");
        Assert.True(counts[4] > counts[2], "most fuzzed requests should be refused");
        Assert.True(counts[2] > 0, "some fuzzed requests should be valid");

        using var health = await server.Anonymous.GetAsync("/health/ready");
        await Expect.StatusAsync(health, HttpStatusCode.OK);
        using var valid = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(key));
        await Expect.StatusAsync(valid, HttpStatusCode.Created);
    }

    private static HttpRequestMessage Build(Random random, string key)
    {
        var format = Pick(random, ["json", "xml", "json", "xml", "yaml", "", "JSON", "json.xml"]);
        return random.Next(10) switch
        {
            < 5 => Post(random, key, format),
            5 => new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/services.{format}?{Query(random)}"),
            6 => new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/services/{EscapeLoosely(Pick(random, Codes))}.{format}?{Query(random)}"),
            7 => new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/requests.{format}?{Query(random)}"),
            8 => new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/{Pick(random, ["requests", "tokens"])}/{EscapeLoosely(Pick(random, Values))}.{format}?{Query(random)}"),
            _ => new HttpRequestMessage(Pick(random, [HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Post]), $"/open311/v2/{Pick(random, ["services.json", "tokens/x.json", "requests/x.xml"])}"),
        };
    }

    private static HttpRequestMessage Post(Random random, string key, string format)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}");
        var contentType = Pick(random, ContentTypes);
        byte[] body;
        if (random.Next(8) == 0)
        {
            // Raw bytes: broken encodings, binary, truncated multipart.
            body = new byte[random.Next(0, random.Next(3) == 0 ? 100_000 : 2_000)];
            random.NextBytes(body);
        }
        else
        {
            var form = new StringBuilder();
            var valid = random.Next(4) == 0;
            if (valid)
            {
                // A well-formed request, perhaps with one field spoiled, so the parser and the report desk are exercised.
                foreach (var (name, value) in Open311Client.Flooding(random.Next(5) == 0 ? "ok_wrong" : key))
                {
                    Append(form, name, value);
                }
            }

            var extra = random.Next(valid ? 2 : 12);
            for (var i = 0; i < extra; i++)
            {
                var name = random.Next(20) == 0 ? RandomText(random, random.Next(1, 300)) : Pick(random, Fields);
                var value = random.Next(4) switch
                {
                    0 => RandomText(random, random.Next(0, random.Next(10) == 0 ? 5_000 : 50)),
                    1 when name == "service_code" => Pick(random, Codes),
                    _ => Pick(random, Values),
                };
                Append(form, name, value);
            }

            if (random.Next(10) == 0)
            {
                form.Append(Pick(random, ["&&&", "%", "=%ZZ", "a=b=c", "&=", new string('a', 3_000)]));
            }

            body = Encoding.UTF8.GetBytes(form.ToString());
        }

        request.Content = new ByteArrayContent(body);
        if (contentType.Length > 0)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    private static void Append(StringBuilder form, string name, string value)
    {
        if (form.Length > 0)
        {
            form.Append('&');
        }

        form.Append(Uri.EscapeDataString(name)).Append('=').Append(EscapeLoosely(value));
    }

    /// <summary>Escapes like a form encoder; a lone surrogate, which the encoder refuses, goes out as the bytes of U+FFFD.</summary>
    private static string EscapeLoosely(string value)
    {
        try
        {
            return Uri.EscapeDataString(value);
        }
        catch (UriFormatException)
        {
            var escaped = new StringBuilder();
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return escaped.ToString();
        }
    }

    private static string Query(Random random)
    {
        var query = new StringBuilder();
        var n = random.Next(5);
        for (var i = 0; i < n; i++)
        {
            var name = Pick(random, ["jurisdiction_id", "service_request_id", "service_code", "start_date", "end_date", "status", "api_key", "x"]);
            var value = random.Next(3) == 0 ? RandomText(random, random.Next(0, 200)) : Pick(random, [.. Values, .. Codes]);
            query.Append(i == 0 ? string.Empty : "&").Append(name).Append('=').Append(EscapeLoosely(value));
        }

        if (random.Next(20) == 0)
        {
            // Malformed escapes and separators, sent raw.
            query.Append(Pick(random, ["&%", "&a=%ZZ", "&&=&", "&status=%E0%80"]));
        }

        return query.ToString();
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(0xD800, 0xE000),
                _ => (char)random.Next(32, 0x3000),
            };
        }

        return new string(chars);
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
