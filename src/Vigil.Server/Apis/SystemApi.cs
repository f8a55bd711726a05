using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Operations;
using Vigil.Server.Diagnostics;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Health probes, metrics and pipeline diagnostics.</summary>
public static class SystemApi
{
    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        // Probes and the metrics scrape are read by load balancers and Prometheus, which carry no user credentials.
        app.MapGet("/health/live", () => TypedResults.Ok(new Status("live"))).AllowAnonymous().WithTags("System");
        app.MapGet("/health/ready", Ready).AllowAnonymous().WithTags("System");
        app.MapGet("/metrics", (PrometheusExporter exporter) => TypedResults.Text(exporter.Render(), "text/plain; version=0.0.4")).AllowAnonymous().WithTags("System");
        app.MapGet("/api/v1/diagnostics/latency", Latency).RequireAuthorization(Policies.ViewOperations).WithTags("System")
            .WithSummary("Observation-to-alarm latency percentiles since start (or since the last reset)");
        app.MapPost("/api/v1/diagnostics/latency/reset", (VigilMetrics metrics) =>
        {
            metrics.AlarmLatency.Reset();
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.ManageDevices).WithTags("System");
        return app;
    }

    public sealed record Status(string State);

    public sealed record LatencyReport(long Alarms, double P50Ms, double P90Ms, double P99Ms, long QueueDepth);

    private static IResult Ready(OperationsDesk desk) =>
        desk.Ready.IsCompletedSuccessfully
            ? TypedResults.Ok(new Status("ready"))
            : TypedResults.Problem("Starting up.", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static IResult Latency(VigilMetrics metrics)
    {
        var h = metrics.AlarmLatency;
        return TypedResults.Ok(new LatencyReport(h.Count, h.Quantile(0.5), h.Quantile(0.9), h.Quantile(0.99), metrics.QueueDepth));
    }
}
