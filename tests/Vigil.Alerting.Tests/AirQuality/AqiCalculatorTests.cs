using Vigil.Alerting.AirQuality;

namespace Vigil.Alerting.Tests.AirQuality;

/// <summary>
/// Vectors from Table 6 (breakpoints) and Table 5 (categories and colours) of the EPA Technical Assistance Document
/// for the Reporting of Daily Air Quality - the AQI, EPA-454/B-24-002, May 2024. Breakpoint ends map exactly to the
/// index ends of their row; values inside a row follow equation 1.
/// </summary>
public sealed class AqiCalculatorTests
{
    [Theory]
    [InlineData(AqiPollutant.Pm25, 0.0, 0)]
    [InlineData(AqiPollutant.Pm25, 9.0, 50)] // 2024: "Good" ends at 9.0 µg/m³
    [InlineData(AqiPollutant.Pm25, 9.1, 51)]
    [InlineData(AqiPollutant.Pm25, 35.4, 100)]
    [InlineData(AqiPollutant.Pm25, 35.5, 101)]
    [InlineData(AqiPollutant.Pm25, 55.4, 150)]
    [InlineData(AqiPollutant.Pm25, 55.5, 151)]
    [InlineData(AqiPollutant.Pm25, 125.4, 200)]
    [InlineData(AqiPollutant.Pm25, 125.5, 201)]
    [InlineData(AqiPollutant.Pm25, 225.4, 300)]
    [InlineData(AqiPollutant.Pm25, 225.5, 301)]
    [InlineData(AqiPollutant.Pm25, 325.4, 500)]
    [InlineData(AqiPollutant.Pm10, 54, 50)]
    [InlineData(AqiPollutant.Pm10, 55, 51)]
    [InlineData(AqiPollutant.Pm10, 154, 100)]
    [InlineData(AqiPollutant.Pm10, 424, 300)]
    [InlineData(AqiPollutant.Pm10, 604, 500)]
    [InlineData(AqiPollutant.Ozone8Hour, 0.054, 50)]
    [InlineData(AqiPollutant.Ozone8Hour, 0.055, 51)]
    [InlineData(AqiPollutant.Ozone8Hour, 0.070, 100)]
    [InlineData(AqiPollutant.Ozone8Hour, 0.071, 101)]
    [InlineData(AqiPollutant.Ozone8Hour, 0.200, 300)]
    [InlineData(AqiPollutant.Ozone1Hour, 0.125, 101)]
    [InlineData(AqiPollutant.Ozone1Hour, 0.604, 500)]
    [InlineData(AqiPollutant.CarbonMonoxide, 4.4, 50)]
    [InlineData(AqiPollutant.CarbonMonoxide, 9.5, 101)]
    [InlineData(AqiPollutant.CarbonMonoxide, 50.4, 500)]
    [InlineData(AqiPollutant.SulfurDioxide, 35, 50)]
    [InlineData(AqiPollutant.SulfurDioxide, 304, 200)]
    [InlineData(AqiPollutant.SulfurDioxide24Hour, 305, 201)]
    [InlineData(AqiPollutant.NitrogenDioxide, 53, 50)]
    [InlineData(AqiPollutant.NitrogenDioxide, 100, 100)]
    [InlineData(AqiPollutant.NitrogenDioxide, 2049, 500)]
    public void Breakpoints_of_table_6_map_to_their_index_ends(AqiPollutant pollutant, double concentration, int aqi)
    {
        Assert.True(AqiCalculator.TryCalculate(pollutant, concentration, out var result, out var error), error);
        Assert.Equal(aqi, result.Aqi);
    }

    [Theory]
    [InlineData(AqiPollutant.Pm25, 35.9, 102)] // (150-101)/(55.4-35.5)·(35.9-35.5)+101 = 101.98
    [InlineData(AqiPollutant.Pm25, 12.0, 56)] // 12.0 was "Good" before 2024: (100-51)/(35.4-9.1)·(12.0-9.1)+51 = 56.40
    [InlineData(AqiPollutant.Ozone8Hour, 0.078, 126)] // (150-101)/(0.085-0.071)·0.007+101 = 125.5, rounded half up
    [InlineData(AqiPollutant.Pm25, 35.47, 100)] // truncated to 35.4 first
    [InlineData(AqiPollutant.Ozone8Hour, 0.0789, 126)] // truncated to 0.078
    public void Values_inside_a_row_follow_equation_1_after_truncation(AqiPollutant pollutant, double concentration, int aqi)
    {
        Assert.True(AqiCalculator.TryCalculate(pollutant, concentration, out var result, out _));
        Assert.Equal(aqi, result.Aqi);
    }

    [Theory]
    [InlineData(30, AqiCategory.Good, "#00E400")]
    [InlineData(75, AqiCategory.Moderate, "#FFFF00")]
    [InlineData(120, AqiCategory.UnhealthyForSensitiveGroups, "#FF7E00")]
    [InlineData(180, AqiCategory.Unhealthy, "#FF0000")]
    [InlineData(250, AqiCategory.VeryUnhealthy, "#8F3F97")]
    [InlineData(400, AqiCategory.Hazardous, "#7E0023")]
    public void Categories_and_colours_follow_table_5(int aqi, AqiCategory category, string color)
    {
        Assert.Equal(category, AqiScale.CategoryOf(aqi));
        Assert.Equal(color, AqiScale.ColorOf(category));
    }

    [Fact]
    public void Result_carries_category_colour_and_sensitive_group_advice()
    {
        Assert.True(AqiCalculator.TryCalculate(AqiPollutant.Pm25, 40.0, out var result, out _));
        Assert.Equal(AqiCategory.UnhealthyForSensitiveGroups, result.Category);
        Assert.Equal("Unhealthy for Sensitive Groups", result.CategoryName);
        Assert.Equal("#FF7E00", result.Color);
        Assert.Contains("heart or lung disease", result.SensitiveGroupsAdvice, StringComparison.Ordinal);
    }

    [Fact]
    public void Above_the_top_breakpoint_reports_500_beyond_the_index()
    {
        Assert.True(AqiCalculator.TryCalculate(AqiPollutant.Pm25, 400.0, out var result, out _));
        Assert.Equal(500, result.Aqi);
        Assert.True(result.BeyondIndex);
    }

    [Theory]
    [InlineData(AqiPollutant.Ozone8Hour, 0.201, "1-hour")]
    [InlineData(AqiPollutant.Ozone1Hour, 0.100, "8-hour")]
    [InlineData(AqiPollutant.SulfurDioxide, 305, "24-hour")]
    [InlineData(AqiPollutant.Pm25, -1, "zero or more")]
    public void Concentrations_outside_an_averaging_period_are_refused_with_the_reason(AqiPollutant pollutant, double concentration, string reason)
    {
        Assert.False(AqiCalculator.TryCalculate(pollutant, concentration, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
