using Vigil.Alerting.AirQuality;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Validation;

namespace Vigil.Alerting.Tests.AirQuality;

public sealed class AqiAdvisorTests
{
    private static readonly DateTimeOffset Now = new(2025, 8, 1, 14, 0, 0, TimeSpan.FromHours(-7));
    private static readonly CapArea Riverside = new()
    {
        AreaDesc = "Riverside district",
        Polygons = ["45.50,-122.70 45.50,-122.60 45.60,-122.60 45.60,-122.70 45.50,-122.70"],
    };

    private static readonly AqiAdvisoryPolicy Policy = new() { Sender = "air@city.example" };

    [Fact]
    public void Moderate_air_proposes_nothing()
    {
        Assert.True(AqiCalculator.TryCalculate(AqiPollutant.Pm25, 20.0, out var reading, out _));
        Assert.True(AqiAdvisor.TryPropose("Riverside", Riverside, reading, Policy, "AQ-1", Now, out var advisory, out _));
        Assert.Null(advisory);
    }

    [Fact]
    public void Unhealthy_for_sensitive_groups_drafts_a_valid_health_alert_for_approval()
    {
        Assert.True(AqiCalculator.TryCalculate(AqiPollutant.Pm25, 40.0, out var reading, out _));
        Assert.True(AqiAdvisor.TryPropose("Riverside", Riverside, reading, Policy, "AQ-1", Now, out var advisory, out var findings), string.Join("\n", findings));
        Assert.NotNull(advisory);
        Assert.False(advisory.IssueAutomatically);
        var info = Assert.Single(advisory.Alert.Infos);
        Assert.Contains(CapCategory.Health, info.Categories);
        Assert.Equal(CapSeverity.Minor, info.Severity);
        Assert.Equal(Now.AddHours(6), info.Expires);
        Assert.Contains("AQI 112", info.Headline, StringComparison.Ordinal);
        Assert.Equal(reading.SensitiveGroupsAdvice, info.Instruction);
        Assert.True(CapValidator.Validate(advisory.Alert, CapProfile.Google).IsValid);
    }

    [Fact]
    public void Policy_can_issue_automatically()
    {
        Assert.True(AqiCalculator.TryCalculate(AqiPollutant.Pm25, 300.0, out var reading, out _));
        Assert.True(AqiAdvisor.TryPropose("Riverside", Riverside, reading, Policy with { AutoIssue = true }, "AQ-2", Now, out var advisory, out _));
        Assert.True(advisory!.IssueAutomatically);
        Assert.Equal(CapSeverity.Extreme, advisory.Alert.Infos[0].Severity);
    }
}
