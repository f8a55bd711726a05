using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Domain.Accounts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Vigil.Server.Configuration;
using Vigil.Server.Security;

namespace Vigil.Server.Hosting;

/// <summary>
/// Runs before the pipeline: loads the device registry, and on the very first run creates the admin account, with the
/// password from configuration (VIGIL__ADMINPASSWORD or Vigil:AdminPassword) or a random one printed once.
/// </summary>
public sealed partial class StartupService(
    IDeviceStore devices,
    IUserStore users,
    DeviceRegistry registry,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<StartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        registry.Load(await devices.LoadAllAsync(cancellationToken).ConfigureAwait(false));
        Log.DevicesLoaded(logger, registry.Count);
        if ((await users.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        var configured = options.Value.AdminPassword ?? Environment.GetEnvironmentVariable("VIGIL_ADMIN_PASSWORD");
        var password = string.IsNullOrEmpty(configured) ? PasswordPolicy.Generate() : configured;
        var admin = await AccountFactory.CreateAsync(users, "admin", "Administrator", Role.Admin, password, "system", time, cancellationToken).ConfigureAwait(false);
        if (admin is not null && string.IsNullOrEmpty(configured))
        {
            // Printed to the console rather than logged, so it does not end up in log files.
            Console.WriteLine($"Vigil: created user 'admin' with password: {password}  (shown once; change it or keep it safe)");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Loaded {Count} devices")]
        public static partial void DevicesLoaded(ILogger logger, int count);
    }
}

/// <summary>Creates user accounts with hashed passwords, for the API, the CLI and the first run alike.</summary>
public static class AccountFactory
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    public static Task<UserAccount?> CreateAsync(
        IUserStore users, string userName, string displayName, Role role, string password, string actor, TimeProvider time, CancellationToken cancellationToken) =>
        CreateAsync(users, userName, displayName, role, password, null, actor, time, cancellationToken);

    /// <summary>Creates an account working for <paramref name="agencyId"/> (police agencies see suspicious-activity tips).</summary>
    public static async Task<UserAccount?> CreateAsync(
        IUserStore users, string userName, string displayName, Role role, string password, string? agencyId, string actor, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(time);
        var user = new UserAccount
        {
            Id = Guid.NewGuid().ToString("n"),
            UserName = userName,
            DisplayName = displayName,
            Role = role,
            PasswordHash = string.Empty,
            AgencyId = agencyId,
            CreatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        var audit = new AuditRecord(time.GetUtcNow(), actor, "user.create", "user", user.Id, null,
            agencyId is null ? $"{{\"userName\":\"{userName}\",\"role\":\"{role}\"}}" : $"{{\"userName\":\"{userName}\",\"role\":\"{role}\",\"agencyId\":\"{agencyId}\"}}");
        return await users.AddAsync(user, audit, cancellationToken).ConfigureAwait(false) ? user : null;
    }

    public static bool Verify(UserAccount user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
}
