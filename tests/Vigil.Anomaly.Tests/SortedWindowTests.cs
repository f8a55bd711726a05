using Vigil.Anomaly.Internal;

namespace Vigil.Anomaly.Tests;

public sealed class SortedWindowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(96)]
    public void Median_absolute_deviation_matches_the_definition(int capacity)
    {
        var random = new Random(capacity);
        var window = new SortedWindow(capacity);
        for (var step = 0; step < 500; step++)
        {
            // Rounded values make ties and centres equal to window values common.
            window.Add(Math.Round(random.NextDouble() * 20));
            var center = step % 3 == 0 ? window.Median() : Math.Round((random.NextDouble() * 30) - 5);
            Assert.Equal(NaiveMad(window, center), window.MedianAbsoluteDeviation(center), 12);
        }
    }

    private static double NaiveMad(SortedWindow window, double center)
    {
        var deviations = new double[window.Count];
        for (var i = 0; i < deviations.Length; i++)
        {
            deviations[i] = Math.Abs(window.Recent(i) - center);
        }

        Array.Sort(deviations);
        var mid = deviations.Length / 2;
        return deviations.Length % 2 == 1 ? deviations[mid] : (deviations[mid - 1] + deviations[mid]) / 2;
    }
}
