using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Vigil.Alerting.Delivery;
using Vigil.Server.Configuration;

namespace Vigil.Server.Alerts;

/// <summary>
/// Keeps webhooks off internal networks. A URL is refused when subscribing if its host is, or resolves to, a loopback,
/// private, link-local, carrier-grade NAT, unique-local, multicast, unspecified or reserved address
/// (<see cref="WebhookAddresses"/>). Because a name may resolve differently later (DNS rebinding), every delivery
/// resolves the host again in the HTTP connection itself and connects only to the addresses it checked, so nothing can
/// change between the check and the connection. <see cref="AlertingOptions.AllowPrivateWebhookTargets"/> turns both
/// checks off for on-premises receivers.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<AlertingOptions> options)
{
    private readonly bool _allowPrivate = options.Value.AllowPrivateWebhookTargets;

    /// <summary>
    /// Why a webhook may not be posted to <paramref name="url"/>, or null when it may. A name that does not resolve now
    /// is accepted: DNS may be down for a moment, and every delivery checks again.
    /// </summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return null;
        }

        return Refusal(url.IdnHost, addresses);
    }

    /// <summary>
    /// The connection step of the webhook HTTP client: resolves the host, refuses internal addresses with
    /// <see cref="WebhookTargetRefusedException"/>, and connects to the checked addresses only.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (!_allowPrivate && Refusal(host, addresses) is { } reason)
        {
            throw new WebhookTargetRefusedException(reason);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether an exception from posting a webhook is the guard's refusal, and its reason.</summary>
    public static string? RefusalIn(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is WebhookTargetRefusedException refused)
            {
                return refused.Message;
            }
        }

        return null;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

    private static string? Refusal(string host, IPAddress[] addresses)
    {
        foreach (var address in addresses)
        {
            var kind = WebhookAddresses.Classify(address);
            if (kind != AddressClass.Public)
            {
                return $"webhook host {host} is or resolves to {address}, a {WebhookAddresses.Describe(kind)} address; set Vigil:Alerting:AllowPrivateWebhookTargets to allow internal receivers";
            }
        }

        return null;
    }
}
