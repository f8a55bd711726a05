using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Ingest;
using Vigil.Platform.Pipeline;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>The learned expected band of a device's quantity, drawn beside the observed series in the device chart.</summary>
public static class BaselineApi
{
    public static RouteGroupBuilder MapBaselineApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/devices").WithTags("Devices");
        group.MapGet("/{id}/baseline", GetAsync).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("The band the device's anomaly rule expected at its latest observation of a quantity");
        return group;
    }

    /// <summary>The expected band; <c>Learned</c> is false (and the band absent) while no anomaly rule has one yet.</summary>
    public sealed record BaselineView(
        string DeviceId,
        string Quantity,
        bool Learned,
        string? RuleId = null,
        DateTimeOffset? At = null,
        double? ExpectedLow = null,
        double? ExpectedHigh = null,
        double? Observed = null,
        double? Likelihood = null);

    private static async Task<IResult> GetAsync(
        string id,
        string? quantity,
        DeviceRegistry devices,
        ObservationPipeline pipeline,
        Vigil.Detection.Rules.RuleBook rules,
        CancellationToken cancellationToken)
    {
        if (devices.Find(id) is not { } entry)
        {
            return Problems.NotFound($"No device {id}.");
        }

        if (string.IsNullOrWhiteSpace(quantity))
        {
            return Problems.Field("quantity", "is required: one of the quantities the device reports.");
        }

        var index = entry.Device.IndexOfQuantity(quantity);
        if (index < 0)
        {
            return Problems.Field("quantity", $"is not reported by device {id}.");
        }

        var band = await pipeline.GetExpectedBandAsync(entry, index, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(band is { } b
            ? new BaselineView(id, quantity, true, rules[b.RuleIndex].Id, DateTimeOffset.FromUnixTimeMilliseconds(b.TimestampMs), b.Low, b.High, b.Observed, b.Likelihood)
            : new BaselineView(id, quantity, false));
    }
}
