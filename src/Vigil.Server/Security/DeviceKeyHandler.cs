using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Platform.Ingest;
using Vigil.Platform.Pipeline;

namespace Vigil.Server.Security;

/// <summary>Authenticates a device by its API key (header X-Api-Key), which is stored only as a hash.</summary>
public sealed class DeviceKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceRegistry devices,
    ObservationPipeline pipeline) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[AuthSchemes.DeviceKeyHeader].ToString();
        if (key.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var entry = devices.FindByKey(key);
        if (entry is null)
        {
            if (Request.Headers[AuthSchemes.DeviceIdHeader].ToString() is { Length: > 0 } claimed && devices.Find(claimed) is { } target)
            {
                pipeline.ReportAuthFailure(target);
            }

            return Task.FromResult(AuthenticateResult.Fail("Unknown device key."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(AuthSchemes.DeviceClaim, entry.Device.Id), new Claim(ClaimTypes.Name, "device:" + entry.Device.Id)],
            Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
