using System.Diagnostics;
using System.Globalization;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// A RabbitMQ cluster of its own on loopback, started through scripts/rabbitmq-node.sh in a temporary folder, on ports
/// from VIGIL_TEST_RABBIT_CLUSTER_BASE (default 57720, clear of the single CI node). Disposing stops every node.
/// </summary>
public sealed class RabbitCluster : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-rabbit-cluster-" + Guid.NewGuid().ToString("n"));
    private readonly int _base;

    private RabbitCluster(string script, int portBase, int size)
    {
        _script = script;
        _base = portBase;
        Size = size;
        Directory.CreateDirectory(_directory);
    }

    public int Size { get; }

    /// <summary>Every node's AMQP URI, comma-separated, as <c>--bus</c> takes them.</summary>
    public string Amqp
    {
        get
        {
            var uris = new string[Size];
            for (var n = 1; n <= Size; n++)
            {
                uris[n - 1] = $"amqp://guest:guest@127.0.0.1:{_base + n - 1}/";
            }

            return string.Join(",", uris);
        }
    }

    /// <summary>The script, found from the test's folder upwards, or null when this is not a checkout.</summary>
    public static string? Script
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "scripts", "rabbitmq-node.sh");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    public static async Task<RabbitCluster> StartAsync(int size)
    {
        var script = Script ?? throw new InvalidOperationException("scripts/rabbitmq-node.sh not found");
        var portBase = int.TryParse(Environment.GetEnvironmentVariable("VIGIL_TEST_RABBIT_CLUSTER_BASE"), out var b) ? b : 57720;
        var cluster = new RabbitCluster(script, portBase, size);
        var starts = new Task[size];
        for (var n = 1; n <= size; n++)
        {
            starts[n - 1] = cluster.RunAsync("start", n.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture));
        }

        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public Task StopNodeAsync(int n) => RunAsync("stop", n.ToString(CultureInfo.InvariantCulture));

    public Task StartNodeAsync(int n) => RunAsync("start", n.ToString(CultureInfo.InvariantCulture), Size.ToString(CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("stop-all");
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private async Task RunAsync(string command, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(_directory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VIGIL_RABBIT_PORT_BASE"] = _base.ToString(CultureInfo.InvariantCulture);
        start.Environment.Remove("VIGIL_RABBIT_AUTH_HTTP");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmq-node.sh {command} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
