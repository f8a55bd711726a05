using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Simulation;

/// <summary>
/// Streams the demo cameras' detections through the real camera ingest, one batch of frames per camera per second,
/// and each second's person count as an observation, as a camera's people counter would.
/// </summary>
public sealed class CameraDriver(HttpClient client, IReadOnlyList<SimulatedCamera> cameras, IReadOnlyDictionary<string, string> keys, TimeProvider time)
{
    private readonly List<SceneObject> _objects = [];

    public long FramesSent { get; private set; }

    public long Failures { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cameras);
        var started = time.GetUtcNow();
        var frame = 0L;
        var batch = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var until = (long)((time.GetUtcNow() - started).TotalSeconds * CameraScene.FrameRate);
            if (until <= frame)
            {
                continue;
            }

            batch++;
            foreach (var camera in cameras)
            {
                if (keys.TryGetValue(camera.Id, out var key))
                {
                    var (json, persons) = Frames(camera, started, frame, until, batch);
                    await PostAsync("/api/v1/cameras/detections", key, json, cancellationToken).ConfigureAwait(false);
                    var count = string.Create(CultureInfo.InvariantCulture,
                        $"{{\"batchId\":\"{camera.Id}-count-{batch}\",\"observations\":[{{\"quantity\":\"persons\",\"time\":\"{time.GetUtcNow().UtcDateTime:O}\",\"value\":{persons}}}]}}");
                    await PostAsync("/api/v1/observations", key, count, cancellationToken).ConfigureAwait(false);
                }
            }

            FramesSent += until - frame;
            frame = until;
        }
    }

    private (string Json, int Persons) Frames(SimulatedCamera camera, DateTimeOffset started, long from, long until, long batch)
    {
        var body = new StringBuilder(4096).Append(CultureInfo.InvariantCulture, $"{{\"batchId\":\"{camera.Id}-{batch}\",\"frames\":[");
        var persons = 0;
        for (var f = from; f < until; f++)
        {
            var elapsed = TimeSpan.FromSeconds(f / CameraScene.FrameRate);
            camera.Scene.Detect(elapsed, _objects);
            body.Append(f == from ? string.Empty : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"frame\":{f + 1},\"time\":\"{(started + elapsed).UtcDateTime:O}\",\"objects\":[");
            persons = 0;
            for (var o = 0; o < _objects.Count; o++)
            {
                var d = _objects[o];
                persons += d.Class == "Person" ? 1 : 0;
                body.Append(o == 0 ? string.Empty : ",")
                    .Append(CultureInfo.InvariantCulture, $"{{\"class\":\"{d.Class}\",\"confidence\":{d.Confidence:0.###},\"x\":{d.X:0.#},\"y\":{d.Y:0.#},\"w\":{d.W:0.#},\"h\":{d.H:0.#}}}");
            }

            body.Append("]}");
        }

        return (body.Append("]}").ToString(), persons);
    }

    private async Task PostAsync(string path, string key, string json, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Failures++;
            }
        }
        catch (HttpRequestException)
        {
            // The server may be restarting; the next second sends fresh frames.
            Failures++;
        }
    }
}
