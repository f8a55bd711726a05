using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.LoadHarness;

public sealed record LoadResult(
    bool Embedded,
    int Nodes,
    string Path,
    int Devices,
    int Batch,
    int Connections,
    int TargetRate,
    double Seconds,
    long AcceptedObservations,
    double ObservationsPerSecond,
    double RequestsPerSecond,
    long Refused503,
    long Failed,
    double AckP50Ms,
    double AckP99Ms,
    double AckMaxMs,
    long Alarms,
    double AlarmP50Ms,
    double AlarmP99Ms,
    double? CpuCoresUsed,
    int Gen2Collections,
    bool RanOutOfPayloads)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder()
            .AppendLine(c, $"server           {(Embedded ? "in this process (SQLite, rules and storage on)" : Nodes == 1 ? "external" : $"{Nodes} external nodes, devices split between them")}")
            .AppendLine(c, $"path             {(Path == "mqtt" ? "MQTT, QoS 1 (mosquitto_pub per device; window ends when every publisher has all its PUBACKs)" : "HTTP")}")
            .AppendLine(c, $"load             {Devices} devices, {Batch} observations/request, {Connections} connections, {(TargetRate > 0 ? $"paced at {TargetRate:N0} obs/s" : "unpaced")}")
            .AppendLine(c, $"sustained        {ObservationsPerSecond:N0} observations/s ({RequestsPerSecond:N0} requests/s) over {Seconds:0.0} s")
            .AppendLine(c, $"acknowledged     {AcceptedObservations:N0} observations; {Refused503:N0} requests refused with 503, {Failed:N0} failed")
            .AppendLine(Path == "mqtt"
                ? "ack latency      not measured (mosquitto_pub reports no per-message PUBACK times)"
                : string.Create(c, $"ack latency      p50 {AckP50Ms:0.0} ms, p99 {AckP99Ms:0.0} ms, max {AckMaxMs:0.0} ms (request sent to 202)"))
            .AppendLine(c, $"alarm latency    p50 {AlarmP50Ms:0.0} ms, p99 {AlarmP99Ms:0.0} ms over {Alarms:N0} alarms (receipt to alarm raised)");
        if (CpuCoresUsed is { } cores)
        {
            text.AppendLine(c, $"cpu              {cores:0.00} cores (harness and server together), {Gen2Collections} gen-2 collections");
        }

        if (RanOutOfPayloads)
        {
            text.AppendLine("note             the prepared payloads ran out before the measured time ended");
        }

        return text.ToString();
    }
}
