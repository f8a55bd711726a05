using Vigil.Alerting.AirQuality;

namespace Vigil.Alerting.Tests.AirQuality;

/// <summary>Vectors computed by hand from EPA's NowCast definition for PM (weight factor w = max(min/max, 0.5)).</summary>
public sealed class NowCastTests
{
    [Fact]
    public void Steady_concentrations_give_their_own_value()
    {
        double[] hours = [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20];
        Assert.True(NowCast.TryCompute(hours, AqiPollutant.Pm25, out var value, out _));
        Assert.Equal(20.0m, value);
    }

    [Fact]
    public void Rapid_rise_uses_the_minimum_weight_of_one_half()
    {
        // min/max = 10/80 < 0.5, so w = 0.5: (80 + 40·0.5 + 10·(0.25 + ... + 0.5^11)) / (2 - 0.5^11)
        double[] hours = [80, 40, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
        Assert.True(NowCast.TryCompute(hours, AqiPollutant.Pm25, out var value, out _));
        var tail = 0.0;
        for (var i = 2; i < 12; i++)
        {
            tail += Math.Pow(0.5, i);
        }

        var expected = (80 + 20 + (10 * tail)) / (1 + 0.5 + tail);
        Assert.Equal(Math.Truncate(expected * 10) / 10, (double)value);
        Assert.Equal(52.5m, value);
    }

    [Fact]
    public void Gentle_change_uses_min_over_max_as_weight()
    {
        // min/max = 30/40 = 0.75; hours 3..12 missing: (40 + 0.75·30) / 1.75 = 35.71 -> 35.7
        double[] hours = [40, 30, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN];
        Assert.True(NowCast.TryCompute(hours, AqiPollutant.Pm25, out var value, out _));
        Assert.Equal(35.7m, value);
    }

    [Fact]
    public void Two_of_the_three_latest_hours_are_required()
    {
        double[] hours = [40, double.NaN, double.NaN, 30, 30, 30];
        Assert.False(NowCast.TryCompute(hours, AqiPollutant.Pm25, out _, out var error));
        Assert.Contains("three most recent", error, StringComparison.Ordinal);
    }
}
