namespace Vigil.Platform.Ports;

/// <summary>
/// A batch stored but not confirmed by the bus: its rows as written by <see cref="Ingest.ObservationRowCodec"/>, so that
/// it can be published again exactly as it was received.
/// </summary>
public sealed record UnpublishedBatch(int DeviceOrdinal, string BatchId, long ReceivedMs, byte[] Rows);
