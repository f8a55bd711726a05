namespace Vigil.Platform.Ingest;

/// <summary>A problem with one field of a request, named by its JSON path ("observations[3].value").</summary>
public sealed record FieldError(string Field, string Message);
