using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vigil.Messaging.RabbitMq;
using Vigil.Server.Alerts;
using Vigil.Server.Apis;
using Vigil.Server.Cameras;
using Vigil.Server.Diagnostics;
using Vigil.Server.Forecasting;
using Vigil.Server.Open311;
using Vigil.Server.Routing;
using Vigil.Server.Web;

namespace Vigil.Server.Hosting;

/// <summary>Builds the Vigil web application: the same composition for `vigil serve`, `vigil demo` and the tests.</summary>
public static class VigilApp
{
    /// <summary>When set (an Npgsql connection string or a postgres:// URL), storage is PostgreSQL instead of the embedded SQLite file.</summary>
    public const string PostgresStorageKey = "Vigil:Storage:Postgres";

    /// <summary>When set (amqp:// URIs, comma-separated for a cluster), nodes share partitions, desk and live feed over RabbitMQ.</summary>
    public const string RabbitMqBusKey = "Vigil:Bus:Amqp";

    /// <param name="args">Command-line configuration overrides ("--Vigil:Retention:ObservationDays=7").</param>
    /// <param name="settings">Settings that win over files and environment (from CLI options).</param>
    /// <param name="configFile">An optional JSON configuration file.</param>
    /// <param name="configureServices">Extra service registrations (tests, demo).</param>
    public static WebApplication Build(string[] args, IDictionary<string, string?>? settings = null, string? configFile = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddEnvironmentVariables("VIGIL_");
        if (configFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        if (builder.Configuration["urls"] is { Length: > 0 } urls)
        {
            builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries));
        }

        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 8 * 1024 * 1024);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddVigilCore();
        if (builder.Configuration[PostgresStorageKey] is { Length: > 0 } postgres)
        {
            builder.Services.AddPostgresStorage(postgres);
        }
        else
        {
            builder.Services.AddSqliteStorage();
        }

        builder.Services.AddVigilSecurity(builder.Configuration).AddVigilWeb();
        builder.Services.AddVigilRouting();
        builder.Services.AddVigilForecasting();
        builder.Services.AddVigilAlerts();
        builder.Services.AddVigilOpen311();
        builder.Services.AddVigilCameras();
        if (builder.Configuration[RabbitMqBusKey] is { Length: > 0 } amqp)
        {
            builder.Services.AddRabbitMqBus(amqp);
        }

        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.Services.GetRequiredService<PrometheusExporter>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseVigilWeb();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapSystemApi();
        app.MapAuthApi();
        app.MapDevicesApi();
        app.MapObservationsApi();
        app.MapBaselineApi();
        app.MapAlarmsApi();
        app.MapIncidentsApi();
        app.MapUnitsApi();
        app.MapStreamApi();
        app.MapAdministrationApi();
        app.MapRoutingApi();
        app.MapGuardToursApi();
        app.MapDispatchApi();
        app.MapHospitalsApi();
        app.MapForecastsApi();
        app.MapVigilAlerts();
        app.MapOpen311Api();
        app.MapApiKeysApi();
        app.MapExportApi();
        app.MapVigilCameras();
        app.MapBrokerAuthApi();
        return app;
    }
}
