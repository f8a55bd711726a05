using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// <c>vigil serve</c> as a separate process, so that a test can kill it the way a power cut would. The CLI is built with
/// this test project (a project reference), so vigil.dll sits next to the tests.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static Task<ServerProcess> StartAsync(string dataDirectory, string adminPassword) =>
        StartAsync(dataDirectory, adminPassword, [], new Dictionary<string, string>());

    /// <param name="extraArgs">More <c>vigil serve</c> options (--storage, --bus).</param>
    /// <param name="settings">Configuration as VIGIL_ environment variables ("Vigil:Bus:Prefix" → VIGIL_Vigil__Bus__Prefix).</param>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, string adminPassword, IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(extraArgs);
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "serve", "--data-dir", dataDirectory, "--urls", baseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in extraArgs)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment["VIGIL_" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["VIGIL_ADMIN_PASSWORD"] = adminPassword;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");

        // Drain both pipes so a chatty server never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, baseAddress);
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, nothing.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"vigil serve exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer while it starts.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("vigil serve did not become ready within 90 s");
            }

            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
