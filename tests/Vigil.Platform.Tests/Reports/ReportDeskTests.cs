using System.Text;
using Vigil.Domain.Reports;
using Vigil.Platform.Configuration;
using Vigil.Platform.Contracts;
using Vigil.Platform.Feed;
using Vigil.Platform.Ports;
using Vigil.Platform.Privacy;
using Vigil.Platform.Reports;
using Vigil.Storage.Sqlite;
using Xunit;

namespace Vigil.Platform.Tests.Reports;

/// <summary>The report desk on the real embedded storage, with a clock the tests move.</summary>
public sealed class ReportDeskTests : IAsyncLifetime
{
    private static readonly ContactDetails Alice = new("Alice Example", "alice@example.org", null);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-reports-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessLiveFeed _feed = new();
    private SqliteDatabase _database = null!;
    private SqliteReportStore _store = null!;
    private SqliteAuditStore _audit = null!;
    private ContactCipher _cipher = null!;
    private ReportDesk _desk = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_directory, "vigil.db") });
        _store = new SqliteReportStore(_database);
        _audit = new SqliteAuditStore(_database);
        _cipher = new ContactCipher(new ContactKeyRing(new Dictionary<string, byte[]> { ["k1"] = Encoding.ASCII.GetBytes(new string('1', 32)) }, "k1"));
        _desk = new ReportDesk(_store, _audit, _feed, _cipher, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<ReportView> SubmitAsync(string category = "road-hazard", ContactDetails? contact = null, string description = "Deep pothole") =>
        _desk.SubmitAsync(new NewReport(category, description, new GeoView(45.52, -122.68), "12 Elm St", contact, null), ReportDesk.Portal, default);

    [Fact]
    public async Task Contact_is_stored_sealed_and_opened_for_an_operator_with_an_audit_record()
    {
        var report = await SubmitAsync(contact: Alice);

        Assert.True(report.HasContact);
        var stored = await _store.GetSealedContactAsync(report.Ticket, default);
        Assert.StartsWith("v1.k1.", stored, StringComparison.Ordinal);
        var trail = await _audit.ListAsync(0, 100, "report", report.Ticket, default);
        Assert.DoesNotContain(trail, e => (e.Record.After ?? string.Empty).Contains("alice", StringComparison.OrdinalIgnoreCase));

        Assert.Equal(Alice, await _desk.OpenContactAsync(report.Ticket, "op1", default));
        Assert.Contains(await _audit.ListAsync(0, 100, "report", report.Ticket, default), e => e.Record.Action == "report.contact.read" && e.Record.Actor == "op1");
    }

    [Fact]
    public async Task Anonymous_report_and_empty_contact_store_nothing()
    {
        var anonymous = await SubmitAsync(ReportCategories.SuspiciousActivity);
        var empty = await SubmitAsync(contact: new ContactDetails(null, " ", null));

        Assert.False(anonymous.HasContact);
        Assert.False(empty.HasContact);
        Assert.Null(await _store.GetSealedContactAsync(anonymous.Ticket, default));
        Assert.Null(await _desk.OpenContactAsync(empty.Ticket, "op1", default));
    }

    [Fact]
    public async Task Reseal_pass_moves_old_and_plain_contacts_to_the_new_write_key()
    {
        var report = await SubmitAsync(contact: Alice);
        var legacy = await SubmitAsync();
        await _database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE reports SET contact = '+1 503 555 0100' WHERE ticket = $t";
            command.Parameters.AddWithValue("$t", legacy.Ticket);
            return command.ExecuteNonQuery();
        }, default);
        var rotated = new ContactCipher(new ContactKeyRing(new Dictionary<string, byte[]>
        {
            ["k1"] = Encoding.ASCII.GetBytes(new string('1', 32)),
            ["k2"] = Encoding.ASCII.GetBytes(new string('2', 32)),
        }, "k2"));

        var result = await new ContactResealer(_store, rotated, _time).RunAsync("admin", default);

        Assert.Equal((2, 0), (result.Resealed, result.AlreadyCurrent));
        Assert.Empty(result.Unreadable);
        Assert.Equal("k2", ContactCipher.KeyIdOf(await _store.GetSealedContactAsync(report.Ticket, default)));
        var desk = new ReportDesk(_store, _audit, _feed, rotated, _time);
        Assert.Equal(Alice, await desk.OpenContactAsync(report.Ticket, "op1", default));
        Assert.Equal(new ContactDetails(null, null, "+1 503 555 0100"), await desk.OpenContactAsync(legacy.Ticket, "op1", default));
        var again = await new ContactResealer(_store, rotated, _time).RunAsync("admin", default);
        Assert.Equal((0, 2), (again.Resealed, again.AlreadyCurrent));
    }

    [Fact]
    public async Task Merge_closes_the_duplicate_without_naming_the_other_ticket_and_refuses_other_categories()
    {
        var first = await SubmitAsync();
        var second = await SubmitAsync();
        var flood = await SubmitAsync("flooding");

        var merged = await _desk.MergeAsync(second.Ticket, first.Ticket, "op1", default);

        Assert.Equal(ReportStatus.Dismissed, merged.Report!.Status);
        Assert.Equal(first.Ticket, merged.Report.DuplicateOf);
        Assert.DoesNotContain(first.Ticket, PublicReportView.From(merged.Report).StatusNote, StringComparison.Ordinal);
        Assert.NotNull((await _desk.MergeAsync(flood.Ticket, first.Ticket, "op1", default)).Refusal);
        Assert.NotNull((await _desk.MergeAsync(first.Ticket, first.Ticket, "op1", default)).Refusal);
        Assert.NotNull((await _desk.MergeAsync(first.Ticket, second.Ticket, "op1", default)).Refusal);
        Assert.Equal("R-NONE0-NONE0", (await _desk.MergeAsync(first.Ticket, "R-NONE0-NONE0", "op1", default)).MissingTicket);
    }

    [Fact]
    public async Task Resident_reopens_only_a_resolved_report_and_only_a_few_times()
    {
        var report = await SubmitAsync();
        Assert.NotNull((await _desk.ReopenAsync(report.Ticket, "still there", default)).Refusal);

        for (var i = 1; i <= ReportDesk.MaxReopens; i++)
        {
            await _desk.UpdateStatusAsync(report.Ticket, ReportStatus.Resolved, "Filled", null, "op1", default);
            var reopened = await _desk.ReopenAsync(report.Ticket, "Still a hole", default);
            Assert.Equal(ReportStatus.Received, reopened.Report!.Status);
            Assert.Equal(i, reopened.Report.ReopenCount);
            Assert.Contains("Still a hole", reopened.Report.Description, StringComparison.Ordinal);
        }

        await _desk.UpdateStatusAsync(report.Ticket, ReportStatus.Resolved, "Filled", null, "op1", default);
        Assert.NotNull((await _desk.ReopenAsync(report.Ticket, "again", default)).Refusal);
        Assert.Equal("R-NONE0-NONE0", (await _desk.ReopenAsync("R-NONE0-NONE0", "x", default)).MissingTicket);
    }

    [Fact]
    public async Task Retention_purges_personal_data_only_after_the_configured_time_and_audits_it()
    {
        var options = new PrivacyOptions { ClosedReportDays = 30 };
        var retention = new ReportRetention(_store, _feed, options, _time);
        var road = await _desk.SubmitAsync(new NewReport("road-hazard", "Pothole", new GeoView(45.52, -122.68), "12 Elm St", Alice,
            new ReportPhoto("image/jpeg", [0xFF, 0xD8, 0xFF, 0xD9])), ReportDesk.Portal, default);
        var noise = await SubmitAsync("noise", Alice, "Parties at no. 14 every night");
        var open = await SubmitAsync(contact: Alice);
        await _desk.UpdateStatusAsync(road.Ticket, ReportStatus.Resolved, "Filled", null, "op1", default);
        await _desk.UpdateStatusAsync(noise.Ticket, ReportStatus.Dismissed, null, null, "op1", default);

        _time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, await retention.PurgeDueAsync(default));
        Assert.NotNull(await _store.GetSealedContactAsync(road.Ticket, default));

        _time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await retention.PurgeDueAsync(default));
        Assert.Equal(0, await retention.PurgeDueAsync(default));

        var purgedRoad = (await _store.GetAsync(road.Ticket, default))!;
        Assert.Equal(_time.GetUtcNow(), purgedRoad.PurgedAt);
        Assert.False(purgedRoad.HasContact);
        Assert.False(purgedRoad.HasPhoto);
        Assert.Equal("Pothole", purgedRoad.Description);
        Assert.Null(await _store.GetSealedContactAsync(road.Ticket, default));
        Assert.Null(await _store.GetPhotoAsync(road.Ticket, default));

        var purgedNoise = (await _store.GetAsync(noise.Ticket, default))!;
        Assert.Equal(ReportRetention.Removed, purgedNoise.Description);
        Assert.Equal(ReportRetention.Removed, purgedNoise.LocationText);

        Assert.NotNull(await _store.GetSealedContactAsync(open.Ticket, default));
        var purge = Assert.Single(await _audit.ListAsync(0, 100, "report", noise.Ticket, default), e => e.Record.Action == "report.purge");
        Assert.Equal("""{"contact":true,"photo":false,"freeText":true,"retentionDays":30}""", purge.Record.After);
        Assert.Null(await _audit.VerifyChainAsync(default));
    }
}
