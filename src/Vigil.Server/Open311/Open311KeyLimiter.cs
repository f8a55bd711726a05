using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Vigil.Server.Configuration;

namespace Vigil.Server.Open311;

/// <summary>
/// Submissions per API key. The key travels in the form body, which the rate-limiting middleware cannot read before
/// the endpoint runs, so the endpoint asks this limiter once it has the key.
/// </summary>
internal sealed class Open311KeyLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public Open311KeyLimiter(IOptions<Open311Options> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perMinute = options.Value.SubmissionsPerMinutePerKey;
        _limiter = PartitionedRateLimiter.Create<string, string>(keyId => RateLimitPartition.GetFixedWindowLimiter(keyId,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public RateLimitLease Acquire(string keyId) => _limiter.AttemptAcquire(keyId);

    public void Dispose() => _limiter.Dispose();
}
