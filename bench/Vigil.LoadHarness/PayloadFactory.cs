using System.Globalization;
using System.Text;

namespace Vigil.LoadHarness;

/// <summary>
/// Serialises every request body before the clock starts, so the harness spends its CPU on sending rather than on
/// JSON. Devices take turns; each device's readings advance 10 ms apart, and one reading in
/// <c>alarmEvery</c> is a gunshot-level impulse followed by quiet readings that clear the alarm again.
/// </summary>
public static class PayloadFactory
{
    public readonly record struct Payload(int Device, byte[] Body, int Observations, bool HasSpike);

    public static Payload[] Build(int devices, int batch, long totalObservations, int alarmEvery, DateTimeOffset start)
    {
        var requests = (int)Math.Max(devices, (totalObservations + batch - 1) / batch);
        var payloads = new Payload[requests];
        var sequence = new long[devices];
        var random = new Random(3);
        var text = new StringBuilder(batch * 72);
        long emitted = 0;
        var spikeDue = false;
        for (var r = 0; r < requests; r++)
        {
            var device = r % devices;
            var spike = false;
            text.Clear().Append(CultureInfo.InvariantCulture, $"{{\"batchId\":\"b{r}\",\"observations\":[");
            for (var i = 0; i < batch; i++)
            {
                var at = start.AddMilliseconds(sequence[device]++ * 10).UtcDateTime;
                spikeDue |= ++emitted % alarmEvery == 0;
                double value;

                // A spike is never the last reading of a batch, so the quiet reading after it (which clears the alarm)
                // arrives with it and the next spike on this device raises a fresh alarm.
                if (spikeDue && i < batch - 1)
                {
                    value = 140 + random.Next(10);
                    spike = true;
                    spikeDue = false;
                }
                else
                {
                    value = 55 + random.Next(15);
                }

                text.Append(i == 0 ? "" : ",")
                    .Append("{\"quantity\":\"impulse_db\",\"time\":\"")
                    .Append(at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
                    .Append(CultureInfo.InvariantCulture, $"\",\"value\":{value}}}");
            }

            text.Append("]}");
            payloads[r] = new Payload(device, Encoding.UTF8.GetBytes(text.ToString()), batch, spike);
        }

        return payloads;
    }
}
