using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Hospitals;
using Vigil.Platform.Ports;
using Vigil.Server.Routing;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>
/// Hospitals that receive EMS patients: administrators register them, desk staff report their emergency department's
/// status and free beds, and a medical incident lists the nearest ones that can take a patient.
/// </summary>
public static class HospitalsApi
{
    /// <summary>The live-feed event announcing a hospital's new capacity.</summary>
    public const string HospitalUpdated = "hospital.updated";

    private const int MaxIdLength = 64;
    private const int MaxNameLength = 200;
    private const int MaxBeds = 100_000;

    public static IEndpointRouteBuilder MapHospitalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/hospitals").WithTags("Hospitals");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Hospitals with their emergency department status and free beds");
        group.MapPost("/", RegisterAsync).RequireAuthorization(Policies.ManageHospitals)
            .WithSummary("Register a hospital (id, name, location, optional initial capacity)");
        group.MapPut("/{id}/capacity", ReportCapacityAsync).RequireAuthorization(Policies.ReportHospitalCapacity)
            .WithSummary("Report a hospital's emergency department status (open, diverting, closed) and free beds");
        app.MapGet("/api/v1/incidents/{id:long}/hospitals", NearestAsync).WithTags("Incidents").RequireAuthorization(Policies.ViewOperations)
            .WithSummary("For a medical incident: hospitals with an open ED and a free bed, nearest first by travel time on live traffic (straight line, labelled, without a road network)");
        return app;
    }

    public sealed record LocationRequest(double? Lat, double? Lon);

    public sealed record RegisterRequest(string? Id, string? Name, LocationRequest? Location, string? EdStatus, int? FreeBeds);

    public sealed record CapacityRequest(string? EdStatus, int? FreeBeds);

    private static async Task<IResult> ListAsync(IHospitalStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> RegisterAsync(RegisterRequest request, HttpContext context, IHospitalStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>();
        if (!ValidId(request.Id))
        {
            errors.Add(new("id", $"is required: 1 to {MaxIdLength} letters, digits, '.', '_' or '-'."));
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength)
        {
            errors.Add(new("name", $"is required, at most {MaxNameLength} characters."));
        }

        if (request.Location?.Lat is not (>= -90 and <= 90))
        {
            errors.Add(new("location.lat", "is required, in [-90, 90]."));
        }

        if (request.Location?.Lon is not (>= -180 and <= 180))
        {
            errors.Add(new("location.lon", "is required, in [-180, 180]."));
        }

        // A hospital registered without a report counts as open with no free bed: it is listed, but no ambulance is
        // sent there until someone reports beds.
        var status = EdStatus.Open;
        if (request.EdStatus is not null && !TryParseStatus(request.EdStatus, out status))
        {
            errors.Add(new("edStatus", "must be open, diverting or closed."));
        }

        if (request.FreeBeds is < 0 or > MaxBeds)
        {
            errors.Add(new("freeBeds", $"must be between 0 and {MaxBeds}."));
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var actor = context.User.Actor();
        var hospital = new HospitalView(request.Id!, request.Name!.Trim(), new GeoView(request.Location!.Lat!.Value, request.Location.Lon!.Value),
            status, request.FreeBeds ?? 0, time.GetUtcNow(), actor);
        var audit = new AuditRecord(hospital.UpdatedAt, actor, "hospital.register", "hospital", hospital.Id, null, Json(hospital));
        return await store.AddAsync(hospital, audit, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Created($"/api/v1/hospitals/{hospital.Id}", hospital)
            : Problems.Conflict($"Hospital '{hospital.Id}' is already registered.");
    }

    private static async Task<IResult> ReportCapacityAsync(
        string id, CapacityRequest request, HttpContext context, IHospitalStore store, ILiveFeed feed, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>();
        var status = EdStatus.Open;
        if (request.EdStatus is null || !TryParseStatus(request.EdStatus, out status))
        {
            errors.Add(new("edStatus", "is required: open, diverting or closed."));
        }

        if (request.FreeBeds is not (>= 0 and <= MaxBeds))
        {
            errors.Add(new("freeBeds", $"is required, between 0 and {MaxBeds}."));
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } before)
        {
            return Problems.NotFound($"No hospital '{id}'.");
        }

        var actor = context.User.Actor();
        var after = before with { EdStatus = status, FreeBeds = request.FreeBeds!.Value, UpdatedAt = time.GetUtcNow(), UpdatedBy = actor };
        var audit = new AuditRecord(after.UpdatedAt, actor, "hospital.capacity", "hospital", id, Json(before), Json(after));
        if (before.EdStatus == after.EdStatus && before.FreeBeds == after.FreeBeds)
        {
            // The same capacity again (a periodic re-report) changes nothing the consoles show: no feed event.
            return await store.UpdateAsync(after, audit, cancellationToken).ConfigureAwait(false)
                ? TypedResults.Ok(after)
                : Problems.NotFound($"No hospital '{id}'.");
        }

        // Announced on the live feed in the same transaction, so that open incident panels re-rank their hospitals.
        var envelope = JsonSerializer.Serialize(new FeedEnvelope(HospitalUpdated, after.UpdatedAt, Hospital: after), VigilJson.Default.FeedEnvelope);
        if (await store.UpdateAndAnnounceAsync(after, audit, HospitalUpdated, envelope, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return Problems.NotFound($"No hospital '{id}'.");
        }

        feed.Publish([record]);
        return TypedResults.Ok(after);
    }

    private static async Task<IResult> NearestAsync(long id, [FromQuery] int? count, CityRouter router, IOperationsStore operations, IHospitalStore hospitals, CancellationToken cancellationToken)
    {
        if (count is < 1 or > 20)
        {
            return Problems.Field("count", "must be between 1 and 20.");
        }

        if (await operations.GetIncidentAsync(id, cancellationToken).ConfigureAwait(false) is not { } incident)
        {
            return Problems.NotFound($"No incident {id}.");
        }

        // "Medical" is whatever the routing configuration answers with EMS units, so a city that sends ambulances to
        // another incident type gets hospitals for it too.
        if (!Suits(router.Options.KindsFor(incident.Type), UnitKind.Ems))
        {
            return Problems.Conflict($"Incident {id} is of type '{incident.Type}', which EMS units do not answer: no hospital to suggest.");
        }

        var all = await hospitals.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(HospitalRanker.Rank(id, incident.Type, incident.Location.Lat, incident.Location.Lon, all, count ?? 3, router));
    }

    private static bool Suits(IReadOnlyList<UnitKind> kinds, UnitKind kind)
    {
        foreach (var k in kinds)
        {
            if (k == kind)
            {
                return true;
            }
        }

        return false;
    }

    // Names only: Enum.TryParse would also take numbers ("2") and comma lists ("open,diverting" is 3, Closed).
    private static bool TryParseStatus(string text, out EdStatus status)
    {
        status = default;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status);
    }

    private static bool ValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Json(HospitalView hospital) => JsonSerializer.Serialize(hospital, HospitalJson.Default.HospitalView);
}
