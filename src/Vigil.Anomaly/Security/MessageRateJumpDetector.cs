using System.Buffers;
using Vigil.Anomaly.Internal;
using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Security;

/// <summary>
/// Flags a sudden jump in one device's message rate: a cloned key or a hijacked device floods the ingest. Messages
/// are counted in fixed buckets; the usual rate is an exponentially weighted mean of past buckets (empty buckets
/// included), and a bucket above <c>Factor</c> times it (and above <c>MinCount</c>) is a jump. The jump is
/// reported as soon as the count crosses the limit, not when the bucket closes. Jumping buckets are kept out of
/// the mean, so a sustained flood stays a jump. O(1) per message.
/// </summary>
public sealed class MessageRateJumpDetector
{
    private const byte Version = 1;

    // About an hour of one-minute buckets.
    private const double Decay = 1.0 / 64;

    private readonly MessageRateOptions _options;
    private readonly long _bucketTicks;
    private long _bucket = long.MinValue;
    private int _count;
    private double _usual;
    private long _learned;
    private bool _jumping;

    public MessageRateJumpDetector(MessageRateOptions? options = null)
    {
        _options = options ?? new MessageRateOptions();
        _options.Validate();
        _bucketTicks = _options.Bucket.Ticks;
    }

    /// <summary>The usual number of messages per bucket.</summary>
    public double UsualCount => _usual;

    /// <summary>Messages counted so far in the current bucket.</summary>
    public int CurrentCount => _count;

    /// <summary>True while the current bucket is a jump.</summary>
    public bool IsJumping => _jumping;

    /// <summary>The count above which the current bucket is a jump.</summary>
    public double Limit => Math.Max(_options.MinCount, _options.Factor * _usual);

    /// <summary>Counts <paramref name="messages"/> arriving at <paramref name="ticks"/>; true on the message that makes the bucket a jump.</summary>
    public bool Record(long ticks, int messages = 1)
    {
        var bucket = ticks / _bucketTicks;
        if (_bucket == long.MinValue)
        {
            _bucket = bucket;
        }
        else if (bucket > _bucket)
        {
            Close(bucket);
        }

        _count += messages;
        if (_jumping || _learned < _options.LearningBuckets || _count <= Limit)
        {
            return false;
        }

        _jumping = true;
        return true;
    }

    public void WriteState(IBufferWriter<byte> destination)
    {
        var writer = new StateWriter(destination);
        writer.WriteHeader(Tags.MessageRate, Version);
        writer.WriteInt64(_bucket);
        writer.WriteInt32(_count);
        writer.WriteDouble(_usual);
        writer.WriteInt64(_learned);
        writer.WriteBoolean(_jumping);
    }

    public bool TryReadState(ReadOnlySpan<byte> source)
    {
        var reader = new StateReader(source);
        if (!reader.TryReadHeader(Tags.MessageRate, Version)
            || !reader.TryReadInt64(out var bucket)
            || !reader.TryReadInt32(out var count) || count < 0
            || !reader.TryReadDouble(out var usual) || !(usual >= 0)
            || !reader.TryReadInt64(out var learned) || learned < 0
            || !reader.TryReadBoolean(out var jumping)
            || !reader.IsAtEnd)
        {
            return false;
        }

        (_bucket, _count, _usual, _learned, _jumping) = (bucket, count, usual, learned, jumping);
        return true;
    }

    private void Close(long newBucket)
    {
        if (!_jumping)
        {
            Learn(_count);
        }

        // Buckets with no message at all are part of the usual rate; a long silence is folded in a bounded number of steps.
        var empty = Math.Min(newBucket - _bucket - 1, 512);
        for (var i = 0; i < empty; i++)
        {
            Learn(0);
        }

        _bucket = newBucket;
        _count = 0;
        _jumping = false;
    }

    private void Learn(int count)
    {
        _usual = _learned == 0 ? count : _usual + (Decay * (count - _usual));
        _learned++;
    }
}
