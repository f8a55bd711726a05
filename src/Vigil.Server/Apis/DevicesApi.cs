using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Device registration, key rotation and removal.</summary>
public static class DevicesApi
{
    public static RouteGroupBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/devices").WithTags("Devices");
        group.MapGet("/", List).RequireAuthorization(Policies.ViewOperations).WithSummary("List devices");
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.ViewOperations).WithSummary("One device");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.ManageDevices)
            .WithSummary("Register a device; the answer holds its API key, shown this once");
        group.MapPut("/{id}", UpdateAsync).RequireAuthorization(Policies.ManageDevices)
            .WithSummary("Rename, move or re-assign a device; quantities may be added, never removed or reordered");
        group.MapPost("/{id}/rotate-key", RotateKeyAsync).RequireAuthorization(Policies.ManageDevices)
            .WithSummary("Issue a new API key; the old one stops working at once");
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.ManageDevices).WithSummary("Remove a device");
        app.MapGet("/api/v1/map/devices", MapPoints).WithTags("Devices").RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Every device's id, position, kind and agency in columns, for drawing tens of thousands on the map");
        return group;
    }

    public sealed record DeviceRequest(string? Id, string? Name, DeviceKind? Kind, GeoView? Location, string? AgencyId, List<QuantitySpec>? Quantities);

    public sealed record DeviceWithKey(DeviceView Device, string ApiKey);

    /// <summary>Checks a registration; returns the field errors (empty when valid).</summary>
    public static List<KeyValuePair<string, string>> Validate(DeviceRequest request, bool creating)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<KeyValuePair<string, string>>();
        if (creating && (string.IsNullOrWhiteSpace(request.Id) || request.Id.Length > 64 || !IsIdentifier(request.Id)))
        {
            errors.Add(new("id", "is required: 1–64 letters, digits, '-', '_' or '.'."));
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors.Add(new("name", "is required, at most 200 characters."));
        }

        if (request.Kind is null || !Enum.IsDefined(request.Kind.Value))
        {
            errors.Add(new("kind", $"is required: one of {string.Join(", ", Enum.GetNames<DeviceKind>())}."));
        }

        if (request.Location is null || !request.Location.ToPoint().IsValid)
        {
            errors.Add(new("location", "is required: lat in [-90, 90], lon in [-180, 180]."));
        }

        if (string.IsNullOrWhiteSpace(request.AgencyId))
        {
            errors.Add(new("agencyId", "is required."));
        }

        if (request.Quantities is not { Count: > 0 and <= 32 })
        {
            errors.Add(new("quantities", "must list 1–32 quantities."));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < request.Quantities.Count; i++)
            {
                var q = request.Quantities[i];
                if (q is null || string.IsNullOrWhiteSpace(q.Name) || q.Name.Length > 64 || !IsIdentifier(q.Name))
                {
                    errors.Add(new($"quantities[{i}].name", "is required: 1–64 letters, digits, '-', '_' or '.'."));
                }
                else if (!seen.Add(q.Name))
                {
                    errors.Add(new($"quantities[{i}].name", $"'{q.Name}' is listed twice."));
                }

                if (q is not null && (q.Unit is null || q.Unit.Length > 32))
                {
                    errors.Add(new($"quantities[{i}].unit", "is required, at most 32 characters (may be empty for counts)."));
                }
            }
        }

        return errors;
    }

    private static IResult List(DeviceRegistry devices)
    {
        var list = new List<DeviceView>(devices.Count);
        foreach (var entry in devices.All)
        {
            list.Add(entry.Device.ToView());
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return TypedResults.Ok(list);
    }

    private static IResult MapPoints(DeviceRegistry devices)
    {
        var entries = new List<DeviceEntry>(devices.All);
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Device.Id, b.Device.Id));
        var ids = new string[entries.Count];
        var lat = new double[entries.Count];
        var lon = new double[entries.Count];
        var kind = new int[entries.Count];
        var agency = new int[entries.Count];
        var kinds = new List<string>();
        var agencies = new List<string>();
        var kindIndex = new Dictionary<DeviceKind, int>();
        var agencyIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var d = entries[i].Device;
            ids[i] = d.Id;

            // Six decimals is about 10 cm: finer than any map draws, and it keeps each coordinate to a few bytes.
            lat[i] = Math.Round(d.Location.Lat, 6);
            lon[i] = Math.Round(d.Location.Lon, 6);
            if (!kindIndex.TryGetValue(d.Kind, out var k))
            {
                kindIndex[d.Kind] = k = kinds.Count;
                kinds.Add(d.Kind.ToString());
            }

            if (!agencyIndex.TryGetValue(d.AgencyId, out var a))
            {
                agencyIndex[d.AgencyId] = a = agencies.Count;
                agencies.Add(d.AgencyId);
            }

            kind[i] = k;
            agency[i] = a;
        }

        return TypedResults.Ok(new DeviceMapView(ids, lat, lon, kinds, kind, agencies, agency));
    }

    private static IResult Get(string id, DeviceRegistry devices) =>
        devices.Find(id) is { } entry ? TypedResults.Ok(entry.Device.ToView()) : Problems.NotFound($"No device {id}.");

    private static async Task<IResult> CreateAsync(DeviceRequest request, HttpContext context, DeviceRegistry devices, IDeviceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = Validate(request, creating: true);
        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var (entry, key) = await RegisterAsync(request, context.User.Actor(), store, devices, time, cancellationToken).ConfigureAwait(false);
        return entry is null
            ? Problems.Conflict($"A device with id {request.Id} exists.")
            : TypedResults.Created($"/api/v1/devices/{entry.Device.Id}", new DeviceWithKey(entry.Device.ToView(), key));
    }

    /// <summary>Registers a validated device; returns the entry (null when the id is taken) and its new key.</summary>
    public static async Task<(DeviceEntry? Entry, string Key)> RegisterAsync(
        DeviceRequest request, string actor, IDeviceStore store, DeviceRegistry devices, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(time);
        var key = DeviceRegistry.NewKey();
        var device = new Device
        {
            Id = request.Id!,
            Name = request.Name!,
            Kind = request.Kind!.Value,
            Location = request.Location!.ToPoint(),
            AgencyId = request.AgencyId!,
            Quantities = request.Quantities!,
            KeyHash = DeviceRegistry.HashKey(key),
            RegisteredAt = time.GetUtcNow(),
        };
        var audit = new AuditRecord(time.GetUtcNow(), actor, "device.create", "device", device.Id, null, Json(device.ToView()));
        var ordinal = await store.AddAsync(device, audit, cancellationToken).ConfigureAwait(false);
        if (ordinal is null)
        {
            return (null, key);
        }

        var entry = new DeviceEntry(ordinal.Value, device);
        devices.Upsert(entry);
        return (entry, key);
    }

    private static async Task<IResult> UpdateAsync(string id, DeviceRequest request, HttpContext context, DeviceRegistry devices, IDeviceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (devices.Find(id) is not { } existing)
        {
            return Problems.NotFound($"No device {id}.");
        }

        var errors = Validate(request, creating: false);
        if (request.Kind is { } kind && kind != existing.Device.Kind)
        {
            errors.Add(new("kind", "cannot change; register a new device instead."));
        }

        var old = existing.Device.Quantities;
        if (request.Quantities is { } quantities)
        {
            for (var i = 0; i < old.Count; i++)
            {
                if (i >= quantities.Count || quantities[i]?.Name != old[i].Name)
                {
                    errors.Add(new("quantities", "must keep the existing quantities in order; only additions at the end are allowed."));
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var device = new Device
        {
            Id = id,
            Name = request.Name!,
            Kind = existing.Device.Kind,
            Location = request.Location!.ToPoint(),
            AgencyId = request.AgencyId!,
            Quantities = request.Quantities!,
            KeyHash = existing.Device.KeyHash,
            RegisteredAt = existing.Device.RegisteredAt,
        };
        var audit = new AuditRecord(time.GetUtcNow(), context.User.Actor(), "device.update", "device", id, Json(existing.Device.ToView()), Json(device.ToView()));
        if (!await store.UpdateAsync(device, audit, cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound($"No device {id}.");
        }

        devices.Upsert(new DeviceEntry(existing.Ordinal, device));
        return TypedResults.Ok(device.ToView());
    }

    private static async Task<IResult> RotateKeyAsync(string id, HttpContext context, DeviceRegistry devices, IDeviceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await RotateAsync(id, context.User.Actor(), devices, store, time, cancellationToken).ConfigureAwait(false);
        return result is { } r ? TypedResults.Ok(new DeviceWithKey(r.Entry.Device.ToView(), r.Key)) : Problems.NotFound($"No device {id}.");
    }

    public static async Task<(DeviceEntry Entry, string Key)?> RotateAsync(string id, string actor, DeviceRegistry devices, IDeviceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        if (devices.Find(id) is not { } existing)
        {
            return null;
        }

        var key = DeviceRegistry.NewKey();
        var device = existing.Device;
        var rotated = new Device
        {
            Id = device.Id,
            Name = device.Name,
            Kind = device.Kind,
            Location = device.Location,
            AgencyId = device.AgencyId,
            Quantities = device.Quantities,
            KeyHash = DeviceRegistry.HashKey(key),
            RegisteredAt = device.RegisteredAt,
        };
        var audit = new AuditRecord(time.GetUtcNow(), actor, "device.rotate-key", "device", id, null, null);
        if (!await store.UpdateAsync(rotated, audit, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var entry = new DeviceEntry(existing.Ordinal, rotated);
        devices.Upsert(entry);
        return (entry, key);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, DeviceRegistry devices, IDeviceStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (devices.Find(id) is not { } existing)
        {
            return Problems.NotFound($"No device {id}.");
        }

        var audit = new AuditRecord(time.GetUtcNow(), context.User.Actor(), "device.delete", "device", id, Json(existing.Device.ToView()), null);
        if (!await store.DeleteAsync(id, audit, cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound($"No device {id}.");
        }

        devices.Remove(id);
        return TypedResults.NoContent();
    }

    private static string Json(DeviceView view) => JsonSerializer.Serialize(view, VigilJson.Default.DeviceView);

    private static bool IsIdentifier(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
