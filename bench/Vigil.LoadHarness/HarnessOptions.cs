namespace Vigil.LoadHarness;

public sealed record HarnessOptions(
    string? Url,
    string? AdminPassword,
    int Devices,
    int Batch,
    int Connections,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Rate,
    int AlarmEvery)
{
    public string? Validate() =>
        Devices is < 1 or > 100_000 ? "--devices must be 1..100000"
        : Batch is < 1 or > 10_000 ? "--batch must be 1..10000"
        : Connections is < 1 or > 1024 ? "--connections must be 1..1024"
        : Duration <= TimeSpan.Zero ? "--duration must be positive"
        : Warmup < TimeSpan.Zero ? "--warmup must not be negative"
        : Rate < 0 ? "--rate must not be negative"
        : AlarmEvery < 2 ? "--alarm-every must be at least 2"
        : Url is not null && AdminPassword is null ? "--admin-password is needed with --url"
        : null;
}
