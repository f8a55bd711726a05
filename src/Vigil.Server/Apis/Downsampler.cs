using Vigil.Domain.Devices;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Server.Apis;

/// <summary>Min, max, mean and count per quantity and time bucket.</summary>
public static class Downsampler
{
    public static IReadOnlyList<ObservationBucket> Buckets(IReadOnlyList<StoredObservation> rows, IReadOnlyList<QuantitySpec> quantities, long bucketMs, int maxBuckets)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(quantities);
        var buckets = new SortedDictionary<(long Start, int Quantity), (int Count, double Min, double Max, double Sum)>();
        foreach (var row in rows)
        {
            var start = row.TimestampMs - (((row.TimestampMs % bucketMs) + bucketMs) % bucketMs);
            var key = (start, row.QuantityIndex);
            buckets[key] = buckets.TryGetValue(key, out var b)
                ? (b.Count + 1, Math.Min(b.Min, row.Value), Math.Max(b.Max, row.Value), b.Sum + row.Value)
                : (1, row.Value, row.Value, row.Value);
        }

        var result = new List<ObservationBucket>(Math.Min(buckets.Count, maxBuckets));
        foreach (var ((start, quantity), b) in buckets)
        {
            if (result.Count == maxBuckets)
            {
                break;
            }

            result.Add(new ObservationBucket(DateTimeOffset.FromUnixTimeMilliseconds(start), quantities[quantity].Name, b.Count, b.Min, b.Max, b.Sum / b.Count));
        }

        return result;
    }
}
