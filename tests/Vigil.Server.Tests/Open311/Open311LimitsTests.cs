using System.Net;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests.Open311;

/// <summary>A server with small Open311 limits, so that both the per-key and the per-address limiter trip in a test.</summary>
public sealed class Open311LimitedServer() : VigilServer(new Dictionary<string, string?>
{
    ["Vigil:Open311:SubmissionsPerMinutePerKey"] = "2",
    ["Vigil:Open311:RequestsPerMinutePerAddress"] = "8",
});

public sealed class Open311LimitsTests(Open311LimitedServer server) : IClassFixture<Open311LimitedServer>
{
    [Fact]
    public async Task Key_past_its_submissions_per_minute_and_address_past_its_requests_get_429_problems_with_retry_after()
    {
        var busy = await Open311Client.IssueKeyAsync(server, "Busy app");
        var quiet = await Open311Client.IssueKeyAsync(server, "Quiet app");
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(busy));
            await Expect.StatusAsync(accepted, HttpStatusCode.Created);
        }

        using var limited = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(busy));
        var problem = await Expect.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("API key", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After: {limited.Headers.RetryAfter}");

        // Another app's key is counted on its own.
        using var other = await Open311Client.PostAsync(server.Anonymous, "json", Open311Client.Flooding(quiet));
        await Expect.StatusAsync(other, HttpStatusCode.Created);

        // Four Open311 calls so far from this address; the limit is eight a minute.
        for (var i = 0; i < 4; i++)
        {
            using var read = await server.Anonymous.GetAsync("/open311/v2/services.json");
            await Expect.StatusAsync(read, HttpStatusCode.OK);
        }

        using var refused = await server.Anonymous.GetAsync("/open311/v2/services.json");
        await Expect.ProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);

        // Only Open311 is limited this way: the rest of the server still answers this address.
        using var health = await server.Anonymous.GetAsync("/health/live");
        await Expect.StatusAsync(health, HttpStatusCode.OK);
    }
}
