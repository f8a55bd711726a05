namespace Vigil.Domain.Tests;

public class SmokeTests
{
    [Fact]
    public void Solution_builds_and_runs_tests() => Assert.Equal(4, 2 + 2);
}
