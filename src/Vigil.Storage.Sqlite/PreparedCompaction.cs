namespace Vigil.Storage.Sqlite;

/// <summary>Recent observation rows packed into blocks, ready to replace the rows up to <see cref="MaxRowId"/>.</summary>
internal sealed record PreparedCompaction(long MaxRowId, IReadOnlyList<PreparedBlock> Blocks);

/// <summary>One device-and-quantity block: <see cref="Count"/> points of 16 bytes between <see cref="T0"/> and <see cref="T1"/>.</summary>
internal sealed record PreparedBlock(long Device, long Quantity, long T0, long T1, int Count, byte[] Data);
