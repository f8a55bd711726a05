namespace Vigil.Platform.Tests;

/// <summary>A clock the test moves by hand, so retention cut-offs and recorded times are exact.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
