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
    int AlarmEvery,
    string? Mqtt = null)
{
    /// <summary>The servers given by --url (comma-separated); empty when the harness starts its own.</summary>
    public IReadOnlyList<string> Urls => Url is null ? [] : Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string? Validate() =>
        Devices is < 1 or > 100_000 ? "--devices must be 1..100000"
        : Batch is < 1 or > 10_000 ? "--batch must be 1..10000"
        : Connections is < 1 or > 1024 ? "--connections must be 1..1024"
        : Duration <= TimeSpan.Zero ? "--duration must be positive"
        : Warmup < TimeSpan.Zero ? "--warmup must not be negative"
        : Rate < 0 ? "--rate must not be negative"
        : AlarmEvery < 2 ? "--alarm-every must be at least 2"
        : Url is not null && AdminPassword is null ? "--admin-password is needed with --url"
        : Url is not null && Urls.Count == 0 ? "--url names no server"
        : Mqtt is not null && Url is null ? "--mqtt needs --url: the broker authenticates devices against that server"
        : Mqtt is not null && Rate == 0 ? "--rate is needed with --mqtt: mosquitto_pub queues without bound, so unpaced writes measure nothing"
        : Mqtt is not null && Devices > 64 ? "--devices must be at most 64 with --mqtt (one mosquitto_pub process per device)"
        : null;
}
