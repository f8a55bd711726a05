using System.Diagnostics;
using System.Globalization;

namespace Vigil.LoadHarness;

/// <summary>
/// One <c>mosquitto_pub -l -q 1</c> process per device, connected to RabbitMQ's MQTT plugin with the device's id and API
/// key, publishing each line written to it on the device's topic. The harness has no MQTT client library, and a
/// long-lived process per device keeps one connection open as a real device would, instead of one per message.
/// </summary>
public sealed class MqttPublishers
{
    private readonly Process[] _processes;

    public MqttPublishers(string broker, int devices, string[] keys, string[] ids)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(ids);
        var colon = broker.LastIndexOf(':');
        var host = colon < 0 ? broker : broker[..colon];
        var port = colon < 0 ? "1883" : broker[(colon + 1)..];
        _processes = new Process[devices];
        for (var d = 0; d < devices; d++)
        {
            var start = new ProcessStartInfo("mosquitto_pub")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "-h", host, "-p", port, "-q", "1", "-i", "load-" + d.ToString(CultureInfo.InvariantCulture) + "-" + ids[d],
                "-u", ids[d], "-P", keys[d], "-t", $"vigil/devices/{ids[d]}/observations", "-l",
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto_pub did not start");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line)
                {
                    Console.Error.WriteLine($"mosquitto_pub: {line}");
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _processes[d] = process;
        }
    }

    /// <summary>Where a device's messages go, one JSON batch per line.</summary>
    public StreamWriter Input(int device) => _processes[device].StandardInput;

    /// <summary>Ends every publisher and returns how many did not get all their messages acknowledged.</summary>
    public async Task<int> CloseAsync()
    {
        var failed = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var process in _processes)
        {
            try
            {
                process.StandardInput.Close();
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                failed += process.ExitCode == 0 ? 0 : 1;
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                process.Kill();
                failed++;
            }
            finally
            {
                process.Dispose();
            }
        }

        return failed;
    }
}
