using Vigil.Detection.Rules;
using Vigil.Domain.Alarms;

namespace Vigil.Detection.Tests.Rules;

public sealed class RuleDefinitionTests
{
    private static RuleDefinition Threshold() => new()
    {
        Id = "t",
        Type = RuleType.Threshold,
        Quantity = "level_cm",
        RaiseAt = 80,
        ClearAt = 60,
        IncidentType = "flood",
    };

    [Fact]
    public void Valid_threshold_has_no_problem() => Assert.Null(Threshold().Validate());

    [Fact]
    public void Clear_level_on_the_alarm_side_of_the_raise_level_is_refused()
    {
        Assert.Contains("clearAt", (Threshold() with { ClearAt = 90 }).Validate(), StringComparison.Ordinal);
        Assert.Contains("clearAt", (Threshold() with { Direction = ThresholdDirection.Below }).Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_levels_are_refused() =>
        Assert.Contains("finite", (Threshold() with { RaiseAt = double.NaN }).Validate(), StringComparison.Ordinal);

    [Fact]
    public void Emergency_rule_without_incident_type_is_refused() =>
        Assert.Contains("incidentType", (Threshold() with { IncidentType = null }).Validate(), StringComparison.Ordinal);

    [Fact]
    public void Rate_rule_needs_a_positive_window_and_ordered_limits()
    {
        var rate = new RuleDefinition { Id = "r", Type = RuleType.RateOfChange, Quantity = "q", RaiseAt = 10, ClearAt = 2, IncidentType = "flood" };
        Assert.Null(rate.Validate());
        Assert.Contains("window", (rate with { Window = TimeSpan.Zero }).Validate(), StringComparison.Ordinal);
        Assert.NotNull((rate with { ClearAt = 11 }).Validate());
    }

    [Fact]
    public void Missing_data_rule_needs_no_incident_type_but_a_positive_silence()
    {
        var offline = new RuleDefinition { Id = "o", Type = RuleType.MissingData, Category = AlarmCategory.DeviceFault };
        Assert.Null(offline.Validate());
        Assert.Contains("maxSilence", (offline with { MaxSilence = TimeSpan.Zero }).Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_book_refuses_invalid_rules_and_duplicate_ids()
    {
        Assert.Throws<ArgumentException>(() => new RuleBook([Threshold() with { ClearAt = 90 }]));
        var duplicate = Assert.Throws<ArgumentException>(() => new RuleBook([Threshold(), Threshold()]));
        Assert.Contains("twice", duplicate.Message, StringComparison.Ordinal);
    }
}
