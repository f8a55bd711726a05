using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Detection.Neighbours;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Feed;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;
using Vigil.Platform.Pipeline;
using Vigil.Platform.Ports;
using Vigil.Server.Configuration;
using Vigil.Server.Security;
using Vigil.Storage.Postgres;
using Vigil.Storage.Sqlite;

namespace Vigil.Server.Hosting;

public static class VigilServiceCollectionExtensions
{
    /// <summary>The detection pipeline, the operations desk and their options.</summary>
    public static IServiceCollection AddVigilCore(this IServiceCollection services)
    {
        services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OperationsOptions>().BindConfiguration(OperationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<VigilMetrics>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton(sp => RulesFile.Load(NullIfEmpty(sp.GetRequiredService<IOptions<ServerOptions>>().Value.RulesFile)));
        services.AddSingleton(sp => new ObservationBatchParser(sp.GetRequiredService<IOptions<IngestOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILiveFeed, InProcessLiveFeed>();
        services.AddSingleton(new DeskLease(held: true));
        services.AddSingleton<OperationsDesk>();
        services.AddSingleton<NeighbourIndex>();
        services.AddSingleton<IAlarmSignalSink>(sp => sp.GetRequiredService<OperationsDesk>());
        services.AddSingleton<IDeskCommandChannel>(sp => sp.GetRequiredService<OperationsDesk>());
        services.AddSingleton<ObservationPipeline>();
        services.AddSingleton<IObservationBus>(sp => sp.GetRequiredService<ObservationPipeline>());
        services.AddSingleton<IngestService>();
        services.AddSingleton<PublishOutbox>();
        services.AddHostedService<StartupService>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationsDesk>());
        services.AddHostedService(sp => sp.GetRequiredService<ObservationPipeline>());
        services.AddHostedService<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<PublishOutbox>());
        return services;
    }

    /// <summary>The embedded storage: one SQLite file in the data folder.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(new SqliteOptions { DatabasePath = sp.GetRequiredService<IOptions<ServerOptions>>().Value.DatabasePath }));
        services.AddSingleton<IObservationStore, SqliteObservationStore>();
        services.AddSingleton<IDeviceStore, SqliteDeviceStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<IOperationsStore, SqliteOperationsStore>();
        services.AddSingleton<IReportStore, SqliteReportStore>();
        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<ICameraStore, SqliteCameraStore>();
        services.AddSingleton<IHospitalStore, SqliteHospitalStore>();
        services.AddSingleton<ISubscriberStore, SqliteSubscriberStore>();
        services.AddSingleton<IDeliveryOutbox, SqliteDeliveryOutbox>();
        services.AddSingleton<ICountSeriesStore, SqliteCountSeriesStore>();
        services.AddSingleton<ICityMapStore, SqliteCityMapStore>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<IDetectorStateStore, SqliteDetectorStateStore>();
        return services;
    }

    /// <summary>
    /// The scale-out storage: PostgreSQL with PostGIS, shared by every node. <paramref name="connectionString"/> is an
    /// Npgsql connection string or a postgres:// URL (configuration key Vigil:Storage:Postgres).
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(sp => new PostgresDatabase(new PostgresOptions { ConnectionString = connectionString }, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IObservationStore, PostgresObservationStore>();
        services.AddSingleton<IDeviceStore, PostgresDeviceStore>();
        services.AddSingleton<IUserStore, PostgresUserStore>();
        services.AddSingleton<IAuditStore, PostgresAuditStore>();
        services.AddSingleton<IOperationsStore, PostgresOperationsStore>();
        services.AddSingleton<IReportStore, PostgresReportStore>();
        services.AddSingleton<IAlertStore, PostgresAlertStore>();
        services.AddSingleton<ICameraStore, PostgresCameraStore>();
        services.AddSingleton<IHospitalStore, PostgresHospitalStore>();
        services.AddSingleton<ISubscriberStore, PostgresSubscriberStore>();
        services.AddSingleton<IDeliveryOutbox, PostgresDeliveryOutbox>();
        services.AddSingleton<ICountSeriesStore, PostgresCountSeriesStore>();
        services.AddSingleton<ICityMapStore, PostgresCityMapStore>();
        services.AddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        services.AddSingleton<IDetectorStateStore, PostgresDetectorStateStore>();
        return services;
    }

    /// <summary>People sign in with a cookie (browsers) or a bearer token (API clients); devices with their API key.</summary>
    public static IServiceCollection AddVigilSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDirectory = configuration[$"{ServerOptions.Section}:DataDirectory"] ?? "data";
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys"))).SetApplicationName("vigil");
        services.AddSingleton(sp => new TokenService(Path.Combine(dataDirectory, "keys", "token-signing.key"), sp.GetRequiredService<TimeProvider>()));
        services.AddAuthentication(AuthSchemes.User)
            .AddPolicyScheme(AuthSchemes.User, "Cookie or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AuthSchemes.Bearer
                    : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AuthSchemes.Bearer, null)
            .AddScheme<AuthenticationSchemeOptions, DeviceKeyHandler>(AuthSchemes.DeviceKey, null)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "vigil.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
                o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TokenService.Lifetime;
                o.SlidingExpiration = true;

                // An API answers 401/403; it does not redirect to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            });
        services.AddAuthorization(Policies.Configure);
        return services;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
