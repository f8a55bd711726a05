using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>Reporter privacy, police-only tips and triage, through the HTTP API as residents and operators use it.</summary>
public sealed class ReportPrivacyTests(ReportPrivacyTests.ReportServer server) : IClassFixture<ReportPrivacyTests.ReportServer>
{
    private const string Email = "resident.private@example.org";

    /// <summary>A baseline JPEG (8×8 grey) with an Exif APP1 segment holding a GPS IFD, built from ITU-T T.81 and Exif 2.3.</summary>
    /// <summary>The test server with the per-address report limit raised: these tests file many reports from one address.</summary>
    public sealed class ReportServer() : VigilServer(new Dictionary<string, string?> { ["Vigil:Web:ReportsPerMinute"] = "1000" });

    private static byte[] GpsTaggedJpeg()
    {
        static byte[] Segment(byte marker, byte[] payload) => [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        byte[] tiff =
        [
            .. "MM\0*"u8, 0, 0, 0, 8,
            0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0,
            0, 1, 0, 1, 0, 2, 0, 0, 0, 2, (byte)'N', 0, 0, 0, 0, 0, 0, 0,
        ];
        return
        [
            0xFF, 0xD8,
            .. Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]),
            .. Segment(0xFE, Encoding.ASCII.GetBytes("GPS 45.523064 -122.676483")),
            .. Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]),
            .. Segment(0xC0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]),
            .. Segment(0xC4, [0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            .. Segment(0xC4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            .. Segment(0xDA, [1, 1, 0x00, 0, 63, 0]),
            0x3F, 0xFF, 0xD9,
        ];
    }

    private async Task<JsonObject> SubmitAsync(object body)
    {
        using var response = await server.Anonymous.PostAsJsonAsync("/api/v1/public/reports", body);
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<HttpClient> PoliceAsync()
    {
        var admin = await server.AdminAsync();
        var userName = $"police-{Guid.NewGuid():n}"[..20];
        using var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName, displayName = "Police desk", role = "Operator", password = VigilServer.UserPassword, agencyId = "police" });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        return await server.SignInAsync(userName, VigilServer.UserPassword);
    }

    [Fact]
    public async Task Contact_and_photo_metadata_never_leave_the_server_except_to_an_audited_operator_request()
    {
        var created = await SubmitAsync(new
        {
            category = "road-hazard",
            description = "Deep pothole by the school gate",
            location = new { lat = 45.5231, lon = -122.6765 },
            contact = new { name = "Pat Resident", email = Email, phone = "+1 503 555 0199" },
            photo = new { contentType = "image/jpeg", data = Convert.ToBase64String(GpsTaggedJpeg()) },
        });
        var ticket = created["ticket"]!.GetValue<string>();
        Assert.DoesNotContain(Email, created.ToJsonString(), StringComparison.Ordinal);

        var lookedUp = await server.Anonymous.GetStringAsync($"/api/v1/public/reports/{ticket}");
        Assert.DoesNotContain(Email, lookedUp, StringComparison.Ordinal);
        Assert.DoesNotContain("Pat Resident", lookedUp, StringComparison.Ordinal);
        Assert.DoesNotContain("pothole", lookedUp, StringComparison.OrdinalIgnoreCase);

        var operatorClient = await server.AsAsync(Role.Operator);
        var report = await operatorClient.GetFromJsonAsync<JsonObject>($"/api/v1/reports/{ticket}");
        Assert.True(report!["hasContact"]!.GetValue<bool>());
        Assert.DoesNotContain(Email, report.ToJsonString(), StringComparison.Ordinal);

        var photo = await operatorClient.GetByteArrayAsync($"/api/v1/reports/{ticket}/photo");
        Assert.Equal([0xFF, 0xD8], photo[..2]);
        Assert.True(photo.AsSpan().IndexOf("Exif"u8) < 0, "Exif survived");
        Assert.True(photo.AsSpan().IndexOf("GPS 45."u8) < 0, "the comment survived");
        Assert.Equal(GpsTaggedJpeg()[^8..], photo[^8..]);

        var analyst = await server.AsAsync(Role.Analyst);
        using (var refused = await analyst.GetAsync($"/api/v1/reports/{ticket}/contact"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var contact = await operatorClient.GetAsync($"/api/v1/reports/{ticket}/contact");
        await Expect.StatusAsync(contact, HttpStatusCode.OK);
        Assert.Equal("no-store", contact.Headers.CacheControl?.ToString());
        Assert.Equal(Email, (await contact.Content.ReadFromJsonAsync<JsonObject>())!["email"]!.GetValue<string>());

        var admin = await server.AdminAsync();
        var audit = await admin.GetStringAsync($"/api/v1/audit?entityType=report&entityId={ticket}");
        Assert.Contains("report.contact.read", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_contact_and_non_image_photos_are_refused_naming_the_field()
    {
        using (var response = await server.Anonymous.PostAsJsonAsync("/api/v1/public/reports", new
        {
            category = "flooding", description = "Water over the road", locationText = "Elm St", contact = new { email = "not-an-address" },
        }))
        {
            await Expect.FieldProblemAsync(response, "contact.email");
        }

        using (var response = await server.Anonymous.PostAsJsonAsync("/api/v1/public/reports", new
        {
            category = "flooding", description = "Water over the road", locationText = "Elm St",
            photo = new { contentType = "image/jpeg", data = Convert.ToBase64String("<html><script>alert(1)</script>"u8.ToArray()) },
        }))
        {
            await Expect.FieldProblemAsync(response, "photo");
        }
    }

    [Fact]
    public async Task Suspicious_activity_tip_reaches_police_only_and_its_ticket_reveals_nothing()
    {
        var created = await SubmitAsync(new
        {
            category = "suspicious-activity",
            description = "Same van parked outside no. 12 every night, people carrying boxes",
            location = new { lat = 45.5301, lon = -122.6601 },
        });
        var ticket = created["ticket"]!.GetValue<string>();
        Assert.Null(created["location"]);

        var operatorClient = await server.AsAsync(Role.Operator);
        var list = await operatorClient.GetStringAsync("/api/v1/reports?limit=1000");
        Assert.DoesNotContain(ticket, list, StringComparison.Ordinal);
        using (var hidden = await operatorClient.GetAsync($"/api/v1/reports/{ticket}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        var police = await PoliceAsync();
        Assert.Contains(ticket, await police.GetStringAsync("/api/v1/reports?limit=1000"), StringComparison.Ordinal);
        using (var progress = await police.PostAsJsonAsync($"/api/v1/reports/{ticket}/status", new { status = "Resolved", note = "Arrest made at no. 12" }))
        {
            await Expect.StatusAsync(progress, HttpStatusCode.OK);
        }

        var lookedUp = (await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/public/reports/{ticket}"))!;
        Assert.Equal("InReview", lookedUp["status"]!.GetValue<string>());
        Assert.Null(lookedUp["statusNote"]);
        Assert.Null(lookedUp["location"]);
        Assert.Equal(lookedUp["createdAt"]!.ToJsonString(), lookedUp["updatedAt"]!.ToJsonString());
        using var reopen = await server.Anonymous.PostAsJsonAsync($"/api/v1/public/reports/{ticket}/reopen", new { reason = "still there" });
        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
    }

    [Fact]
    public async Task Operator_sees_duplicates_merges_one_and_the_resident_reopens_a_resolved_report()
    {
        var first = (await SubmitAsync(new { category = "water-leak", description = "Water gushing from the hydrant on Oak Ave", location = new { lat = 45.5101, lon = -122.6401 } }))["ticket"]!.GetValue<string>();
        var second = (await SubmitAsync(new { category = "water-leak", description = "hydrant on oak avenue gushing water", location = new { lat = 45.5102, lon = -122.6402 } }))["ticket"]!.GetValue<string>();
        var operatorClient = await server.AsAsync(Role.Operator);

        var duplicates = (await operatorClient.GetFromJsonAsync<JsonArray>($"/api/v1/reports/{second}/duplicates"))!;
        Assert.Equal(first, duplicates[0]!["ticket"]!.GetValue<string>());
        Assert.True(duplicates[0]!["textSimilarity"]!.GetValue<double>() > 0.2);
        using (var badRadius = await operatorClient.GetAsync($"/api/v1/reports/{second}/duplicates?radius=1"))
        {
            await Expect.FieldProblemAsync(badRadius, "radius");
        }

        using (var merge = await operatorClient.PostAsJsonAsync($"/api/v1/reports/{second}/merge", new { into = first }))
        {
            await Expect.StatusAsync(merge, HttpStatusCode.OK);
            Assert.Equal(first, (await merge.Content.ReadFromJsonAsync<JsonObject>())!["duplicateOf"]!.GetValue<string>());
        }

        var mergedPublic = await server.Anonymous.GetStringAsync($"/api/v1/public/reports/{second}");
        Assert.DoesNotContain(first, mergedPublic, StringComparison.Ordinal);
        Assert.Contains("Dismissed", mergedPublic, StringComparison.Ordinal);

        using (var missing = await operatorClient.PostAsJsonAsync($"/api/v1/reports/{second}/merge", new { into = "nonsense" }))
        {
            await Expect.FieldProblemAsync(missing, "into");
        }

        using (var early = await server.Anonymous.PostAsJsonAsync($"/api/v1/public/reports/{first}/reopen", new { reason = "still leaking" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var resolve = await operatorClient.PostAsJsonAsync($"/api/v1/reports/{first}/status", new { status = "Resolved", note = "Valve replaced." }))
        {
            await Expect.StatusAsync(resolve, HttpStatusCode.OK);
        }

        Assert.Contains("Valve replaced.", await server.Anonymous.GetStringAsync($"/api/v1/public/reports/{first}"), StringComparison.Ordinal);
        using (var noReason = await server.Anonymous.PostAsJsonAsync($"/api/v1/public/reports/{first}/reopen", new { reason = " " }))
        {
            await Expect.FieldProblemAsync(noReason, "reason");
        }

        using var reopened = await server.Anonymous.PostAsJsonAsync($"/api/v1/public/reports/{first}/reopen", new { reason = "Still leaking this morning" });
        await Expect.StatusAsync(reopened, HttpStatusCode.OK);
        Assert.Equal("Received", (await reopened.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        var report = (await operatorClient.GetFromJsonAsync<JsonObject>($"/api/v1/reports/{first}"))!;
        Assert.Equal(1, report["reopenCount"]!.GetValue<int>());
        Assert.Contains("Still leaking this morning", report["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
