using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Forecasting.Models;
using Vigil.Forecasting.Safeguards;
using Vigil.Platform.Ports;

namespace Vigil.Server.Forecasting;

/// <summary>
/// Fits forecasts in the background and keeps the last fit per (category, horizon). A request never waits for a fit:
/// it gets the cached fit, or the progress of the fit it started. A stale fit keeps being served while its refit runs.
/// Fits run one at a time: they are CPU-bound, and a small node also runs the detection pipeline.
/// </summary>
public sealed partial class ForecastService(
    ForecastHistoryLoader loader,
    IOptions<ForecastingOptions> options,
    IAuditStore auditStore,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<ForecastService> logger)
{
    /// <summary>The name of the forecast over every allowed category.</summary>
    public const string AllCategories = "all";

    private readonly ConcurrentDictionary<(string Category, double Horizon), FitJob> _jobs = new();
    private readonly SemaphoreSlim _fitGate = new(1, 1);
    private readonly Lock _historyGate = new();
    private Task<ForecastHistoryLoader.Result>? _history;
    private DateTimeOffset _historyLoadedAt;

    /// <summary>The incident history, loaded once and reloaded when older than the refit interval.</summary>
    public Task<ForecastHistoryLoader.Result> HistoryAsync()
    {
        lock (_historyGate)
        {
            var now = clock.GetUtcNow();
            var stale = _history is { IsCompleted: true } h && (h.IsFaulted || h.Result.History is null || now - _historyLoadedAt > RefitAfter);
            if (_history is null || stale)
            {
                _historyLoadedAt = now;
                _history = loader.LoadAsync(lifetime.ApplicationStopping);
            }

            return _history;
        }
    }

    /// <summary>The job for the key, started (or restarted when stale or failed) as needed.</summary>
    public FitJob GetOrStart(ForecastHistory history, string category, IReadOnlyList<string> categories, double horizonDays, string runBy)
    {
        var key = (category.ToLowerInvariant(), horizonDays);
        lock (_jobs)
        {
            if (_jobs.TryGetValue(key, out var job) && !NeedsRefit(job))
            {
                return job;
            }

            var previous = job?.Fit ?? job?.Previous;
            var next = new FitJob(previous);
            _jobs[key] = next;
            next.Completion = Task.Run(() => RunAsync(next, history, category, categories, horizonDays, runBy), lifetime.ApplicationStopping);
            return next;
        }
    }

    private TimeSpan RefitAfter => TimeSpan.FromMinutes(options.Value.RefitAfterMinutes);

    private bool NeedsRefit(FitJob job) =>
        job.Completion.IsCompleted && (job.Fit is null || clock.GetUtcNow() - job.Fit.FittedAt > RefitAfter);

    private async Task RunAsync(FitJob job, ForecastHistory history, string category, IReadOnlyList<string> categories, double horizonDays, string runBy)
    {
        var ct = lifetime.ApplicationStopping;
        job.Report("waiting for another fit to finish", 0);
        await _fitGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var o = options.Value;
            if (!ModelCatalog.TryParse(o.Model, out var family))
            {
                throw new InvalidOperationException($"Vigil:Forecasting:Model '{o.Model}' is unknown (use {string.Join(", ", ModelCatalog.Names)}).");
            }

            var parameters = new Dictionary<string, string>
            {
                ["model"] = ModelCatalog.NameOf(family),
                ["category"] = category,
                ["horizon_days"] = horizonDays.ToString(CultureInfo.InvariantCulture),
                ["cell_metres"] = o.CellSizeMetres.ToString(CultureInfo.InvariantCulture),
                ["flagged_share"] = o.FlaggedShare.ToString(CultureInfo.InvariantCulture),
                ["crs"] = history.Projection.Name,
            };

            // Audited before the fit: who asked for it, on exactly which data and with which parameters.
            var decision = CategoryPolicy.Decide(history.Incidents.CategoryNames, null);
            var audit = ForecastAuditRecord.Create(clock, runBy, "forecast fit", history.Source, new MemoryStream(history.Content, writable: false), parameters, decision with { Allowed = categories });
            await auditStore.AppendAsync(new AuditRecord(audit.At, audit.RunBy, "forecast.fit", "forecast", $"{category}/{parameters["horizon_days"]}d", null, audit.ToJsonLine()), ct).ConfigureAwait(false);

            var started = clock.GetTimestamp();
            var request = new ForecastFitter.Request(history, categories, category, family, horizonDays, o.CellSizeMetres, o.FlaggedShare);
            job.Fit = ForecastFitter.Fit(request, audit, clock, job.Report, ct);
            job.Report("ready", 1);
            Log.Fitted(logger, job.Fit.Model, category, horizonDays, job.Fit.Incidents, clock.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The boundary of a background fit: the failure is kept for the requests that poll it, and logged once.
            job.Error = ex.Message;
            Log.FitFailed(logger, ex, category, horizonDays);
        }
        finally
        {
            _fitGate.Release();
        }
    }

    /// <summary>One background fit: its progress, and its fit or error once done.</summary>
    public sealed class FitJob(ForecastFit? previous)
    {
        private volatile ProgressState _progress = new("queued", 0);

        /// <summary>The last good fit of the same key, served while this one runs.</summary>
        public ForecastFit? Previous { get; } = previous;

        public Task Completion { get; internal set; } = Task.CompletedTask;

        // Written once by the fitting thread, read by request threads: volatile so a finished fit is seen at once.
        private volatile ForecastFit? _fit;
        private volatile string? _error;

        public ForecastFit? Fit
        {
            get => _fit;
            internal set => _fit = value;
        }

        public string? Error
        {
            get => _error;
            internal set => _error = value;
        }

        public string Stage => _progress.Stage;

        public double Progress => _progress.Fraction;

        internal void Report(string stage, double fraction) => _progress = new ProgressState(stage, Math.Clamp(fraction, 0, 1));

        private sealed record ProgressState(string Stage, double Fraction);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Forecast fitted: {Model} for {Category}, {Horizon} days, {Incidents} incidents in {Seconds:0.0} s")]
        public static partial void Fitted(ILogger logger, string model, string category, double horizon, int incidents, double seconds);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Forecast fit for {Category}, {Horizon} days failed")]
        public static partial void FitFailed(ILogger logger, Exception exception, string category, double horizon);
    }
}
