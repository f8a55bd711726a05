using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Server.Configuration;

/// <summary>
/// Standard operating procedures: a checklist per incident type that the console shows beside the incident. Built-in
/// ones ship with the server; a city replaces them with its own file (Vigil:Web:SopsFile).
/// </summary>
public sealed class SopCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private readonly Dictionary<string, Procedure> _byType;

    private SopCatalog(IReadOnlyList<Procedure> procedures)
    {
        Procedures = procedures;
        _byType = new Dictionary<string, Procedure>(StringComparer.OrdinalIgnoreCase);
        foreach (var procedure in procedures)
        {
            _byType[procedure.Type] = procedure;
        }
    }

    public IReadOnlyList<Procedure> Procedures { get; }

    public Procedure? Find(string incidentType) => _byType.GetValueOrDefault(incidentType);

    /// <summary>Loads <paramref name="path"/>, or the built-in procedures when null. A bad file fails start-up with the reason.</summary>
    public static SopCatalog Load(string? path)
    {
        using var stream = path is null
            ? typeof(SopCatalog).Assembly.GetManifestResourceStream("Vigil.Server.sops.json") ?? throw new InvalidOperationException("The built-in SOPs are missing from the assembly.")
            : File.OpenRead(path);
        var file = JsonSerializer.Deserialize<SopFile>(stream, Json) ?? throw new InvalidOperationException($"{path}: empty SOP file.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var procedure in file.Procedures ?? [])
        {
            if (string.IsNullOrWhiteSpace(procedure.Type) || string.IsNullOrWhiteSpace(procedure.Title) || procedure.Steps is not { Count: > 0 })
            {
                throw new InvalidOperationException($"{path ?? "built-in SOPs"}: every procedure needs a type, a title and at least one step.");
            }

            if (!seen.Add(procedure.Type))
            {
                throw new InvalidOperationException($"{path ?? "built-in SOPs"}: incident type '{procedure.Type}' has two procedures.");
            }
        }

        return new SopCatalog(file.Procedures ?? []);
    }

    public sealed record Procedure(string Type, string Title, IReadOnlyList<string> Steps);

    private sealed record SopFile([property: JsonPropertyName("procedures")] List<Procedure>? Procedures);
}
