namespace Vigil.Platform.Ingest;

/// <summary>A parsed batch, or the errors that stopped it (never both).</summary>
public sealed record ParseResult(IngestBatch? Batch, IReadOnlyList<FieldError> Errors);
