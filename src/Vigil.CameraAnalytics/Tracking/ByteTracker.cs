using Vigil.CameraAnalytics.Assignment;
using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Tracking;

/// <summary>
/// Online multi-object tracker of the ByteTrack family (Zhang et al. 2022): a Kalman filter per track and a two-stage
/// association by IoU, first over confident detections, then over low-score ones, which recovers objects that are
/// partly occluded instead of dropping them.
/// <para>Life cycle, per frame:</para>
/// <list type="number">
/// <item>Birth: an unmatched detection scoring at least <see cref="ByteTrackerOptions.NewTrackThreshold"/> starts a
/// <see cref="TrackState.Tentative"/> track. It is confirmed when it matches a detection in the next frame and removed
/// otherwise. Tracks born in the very first frame are confirmed at once (no earlier frame could confirm them).</item>
/// <item>Confirmed tracks that miss a frame become <see cref="TrackState.Lost"/>; the Kalman filter keeps predicting
/// them (with frozen size) and they may be re-found by the first association, keeping their id.</item>
/// <item>Death: a lost track unmatched for more than <see cref="ByteTrackerOptions.MaxFramesLost"/> frames is removed;
/// so is the younger of a tracked and a lost track that overlap almost completely.</item>
/// </list>
/// Only confirmed tracks matched in the current frame are reported, so each reported track corresponds to a distinct
/// detection. Deterministic: the same detections in the same order always give the same ids and boxes (no hashing,
/// no randomness, ties broken by index). Allocation-free per frame once warm. Not thread-safe: one tracker per camera.
/// </summary>
public sealed class ByteTracker
{
    private readonly ByteTrackerOptions _options;
    private readonly AssignmentSolver _solver = new();
    private Track[] _tracks = new Track[32];
    private int _trackCount;
    private int _nextId = 1;
    private long _frame;

    private int[] _pool = new int[32];
    private int[] _unconfirmed = new int[32];
    private int[] _rTracked = new int[32];
    private int[] _trackMatch = new int[32];
    private int[] _high = new int[32];
    private int[] _low = new int[32];
    private int[] _remaining = new int[32];
    private bool[] _detUsed = new bool[32];
    private double[] _cost = new double[256];

    public ByteTracker(ByteTrackerOptions? options = null)
    {
        _options = options ?? new ByteTrackerOptions();
        var problem = _options.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }
    }

    /// <summary>Frames processed so far.</summary>
    public long FrameCount => _frame;

    /// <summary>Number of tracks currently kept in the given state.</summary>
    public int CountInState(TrackState state)
    {
        var n = 0;
        for (var i = 0; i < _trackCount; i++)
        {
            if (_tracks[i].State == state)
            {
                n++;
            }
        }

        return n;
    }

    public void Reset()
    {
        _trackCount = 0;
        _nextId = 1;
        _frame = 0;
    }

    /// <summary>
    /// Consumes the detections of the next frame and writes the confirmed tracks seen in it to
    /// <paramref name="output"/>, which must be at least as long as <paramref name="detections"/>. Returns the count.
    /// </summary>
    public int Update(ReadOnlySpan<Detection> detections, Span<TrackedObject> output)
    {
        if (output.Length < detections.Length)
        {
            throw new ArgumentException("output must hold at least one entry per detection", nameof(output));
        }

        _frame++;
        EnsureCapacity(detections.Length);

        // Split detections by score.
        var nHigh = 0;
        var nLow = 0;
        for (var d = 0; d < detections.Length; d++)
        {
            var s = detections[d].Confidence;
            if (s >= _options.HighScoreThreshold)
            {
                _high[nHigh++] = d;
            }
            else if (s > _options.LowScoreThreshold)
            {
                _low[nLow++] = d;
            }
        }

        // Confirmed tracks (tracked or lost) form the pool; tentative ones wait for stage 3. Pool tracks are predicted.
        var nPool = 0;
        var nUnconfirmed = 0;
        for (var t = 0; t < _trackCount; t++)
        {
            ref var track = ref _tracks[t];
            track.UpdatedThisFrame = false;
            track.Kalman.Predict(freezeSize: track.State == TrackState.Lost);
            if (track.State == TrackState.Tentative)
            {
                _unconfirmed[nUnconfirmed++] = t;
            }
            else
            {
                _pool[nPool++] = t;
            }
        }

        // Stage 1: pool against high-score detections.
        var poolMatch = _trackMatch.AsSpan(0, nPool);
        Associate(_pool.AsSpan(0, nPool), _high.AsSpan(0, nHigh), detections, _options.FuseScore, _options.FirstMatchMaxDistance, poolMatch);
        var detUsed = _detUsed.AsSpan(0, detections.Length);
        detUsed.Clear();
        var nRTracked = 0;
        for (var k = 0; k < nPool; k++)
        {
            var t = _pool[k];
            if (poolMatch[k] >= 0)
            {
                var d = _high[poolMatch[k]];
                detUsed[d] = true;
                Apply(ref _tracks[t], detections[d]);
            }
            else if (_tracks[t].State == TrackState.Tracked)
            {
                _rTracked[nRTracked++] = t;
            }
        }

        // Stage 2: still-tracked leftovers against low-score detections; plain IoU since low scores carry little.
        var rMatch = _trackMatch.AsSpan(0, nRTracked);
        Associate(_rTracked.AsSpan(0, nRTracked), _low.AsSpan(0, nLow), detections, false, _options.SecondMatchMaxDistance, rMatch);
        for (var k = 0; k < nRTracked; k++)
        {
            ref var track = ref _tracks[_rTracked[k]];
            if (rMatch[k] >= 0)
            {
                Apply(ref track, detections[_low[rMatch[k]]]);
            }
            else
            {
                track.State = TrackState.Lost;
            }
        }

        // Stage 3: tentative tracks against the high-score detections nobody took.
        var nRemaining = 0;
        for (var k = 0; k < nHigh; k++)
        {
            if (!detUsed[_high[k]])
            {
                _remaining[nRemaining++] = _high[k];
            }
        }

        var uMatch = _trackMatch.AsSpan(0, nUnconfirmed);
        Associate(_unconfirmed.AsSpan(0, nUnconfirmed), _remaining.AsSpan(0, nRemaining), detections, _options.FuseScore, _options.TentativeMatchMaxDistance, uMatch);
        for (var k = 0; k < nUnconfirmed; k++)
        {
            ref var track = ref _tracks[_unconfirmed[k]];
            if (uMatch[k] >= 0)
            {
                var d = _remaining[uMatch[k]];
                detUsed[d] = true;
                Apply(ref track, detections[d]);
                track.Hits++;
                if (track.Hits >= _options.ConfirmationHits)
                {
                    track.State = TrackState.Tracked;
                }
            }
            else
            {
                track.Removed = true;
            }
        }

        // Births.
        for (var k = 0; k < nRemaining; k++)
        {
            var d = _remaining[k];
            if (detUsed[d] || detections[d].Confidence < _options.NewTrackThreshold)
            {
                continue;
            }

            Birth(detections[d]);
        }

        // Deaths: lost too long.
        var maxLost = _options.MaxFramesLost;
        for (var t = 0; t < _trackCount; t++)
        {
            ref var track = ref _tracks[t];
            if (track.State == TrackState.Lost && _frame - track.LastFrame > maxLost)
            {
                track.Removed = true;
            }
        }

        RemoveDuplicates();
        Compact();

        var n = 0;
        for (var t = 0; t < _trackCount; t++)
        {
            ref readonly var track = ref _tracks[t];
            if (track.State == TrackState.Tracked && track.UpdatedThisFrame)
            {
                output[n++] = new TrackedObject(
                    track.Id, _options.ReportDetectionBox ? track.LastBox : track.Kalman.Box, track.Score, track.Class, track.Kalman.VelocityX, track.Kalman.VelocityY, track.FirstFrame);
            }
        }

        return n;
    }

    private void Associate(
        ReadOnlySpan<int> trackIdx, ReadOnlySpan<int> detIdx, ReadOnlySpan<Detection> detections, bool fuse, double limit, Span<int> match)
    {
        var rows = trackIdx.Length;
        var cols = detIdx.Length;
        match.Fill(-1);
        if (rows == 0 || cols == 0)
        {
            return;
        }

        if (_cost.Length < rows * cols)
        {
            _cost = new double[rows * cols * 2];
        }

        var cost = _cost.AsSpan(0, rows * cols);
        for (var r = 0; r < rows; r++)
        {
            ref readonly var track = ref _tracks[trackIdx[r]];
            var box = track.Kalman.Box;
            var line = cost.Slice(r * cols, cols);
            for (var c = 0; c < cols; c++)
            {
                ref readonly var det = ref detections[detIdx[c]];
                if (det.Class != track.Class)
                {
                    line[c] = AssignmentSolver.Forbidden;
                    continue;
                }

                var iou = BoundingBox.IntersectionOverUnion(box, det.Box);
                line[c] = 1 - (fuse ? iou * det.Confidence : iou);
            }
        }

        _solver.SolveWithLimit(cost, rows, cols, limit, match);
    }

    private void Apply(ref Track track, in Detection detection)
    {
        track.Kalman.Update(detection.Box);
        track.LastBox = detection.Box;
        track.Score = detection.Confidence;
        track.LastFrame = _frame;
        track.UpdatedThisFrame = true;
        if (track.State == TrackState.Lost)
        {
            track.State = TrackState.Tracked;
        }
    }

    private void Birth(in Detection detection)
    {
        if (_trackCount == _tracks.Length)
        {
            Array.Resize(ref _tracks, _tracks.Length * 2);
        }

        _tracks[_trackCount++] = new Track
        {
            Id = _nextId++,
            State = _frame == 1 || _options.ConfirmationHits <= 1 ? TrackState.Tracked : TrackState.Tentative,
            Hits = 1,
            LastBox = detection.Box,
            Kalman = KalmanBoxState.Initiate(detection.Box),
            Score = detection.Confidence,
            Class = detection.Class,
            FirstFrame = _frame,
            LastFrame = _frame,
            UpdatedThisFrame = true,
        };
    }

    private void RemoveDuplicates()
    {
        for (var a = 0; a < _trackCount; a++)
        {
            ref var tracked = ref _tracks[a];
            if (tracked.Removed || tracked.State == TrackState.Lost)
            {
                continue;
            }

            var boxA = tracked.Kalman.Box;
            for (var b = 0; b < _trackCount; b++)
            {
                ref var lost = ref _tracks[b];
                if (lost.Removed || lost.State != TrackState.Lost || lost.Class != tracked.Class)
                {
                    continue;
                }

                if (1 - BoundingBox.IntersectionOverUnion(boxA, lost.Kalman.Box) >= _options.DuplicateMaxDistance)
                {
                    continue;
                }

                if (_frame - tracked.FirstFrame > _frame - lost.FirstFrame)
                {
                    lost.Removed = true;
                }
                else
                {
                    tracked.Removed = true;
                    break;
                }
            }
        }
    }

    private void Compact()
    {
        var w = 0;
        for (var r = 0; r < _trackCount; r++)
        {
            if (!_tracks[r].Removed)
            {
                _tracks[w++] = _tracks[r];
            }
        }

        _trackCount = w;
    }

    private void EnsureCapacity(int detections)
    {
        var tracks = _trackCount;
        if (_pool.Length < tracks)
        {
            var n = tracks * 2;
            _pool = new int[n];
            _unconfirmed = new int[n];
            _rTracked = new int[n];
            _trackMatch = new int[n];
        }

        if (_high.Length < detections)
        {
            var n = detections * 2;
            _high = new int[n];
            _low = new int[n];
            _remaining = new int[n];
            _detUsed = new bool[n];
        }
    }

    private struct Track
    {
        public int Id;
        public TrackState State;
        public KalmanBoxState Kalman;
        public BoundingBox LastBox;
        public int Hits;
        public float Score;
        public ObjectClass Class;
        public long FirstFrame;
        public long LastFrame;
        public bool UpdatedThisFrame;
        public bool Removed;
    }
}
