using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Detection.Rules;

namespace Vigil.Server.Configuration;

/// <summary>
/// Reads the detection rules: a JSON file given with --config (or Vigil:RulesFile), else the rules shipped with Vigil.
/// </summary>
public static class RulesFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static RuleBook Load(string? path)
    {
        using var stream = path is null
            ? typeof(RulesFile).Assembly.GetManifestResourceStream("Vigil.Server.default-rules.json")
              ?? throw new InvalidOperationException("The built-in rules are missing from the assembly.")
            : File.OpenRead(path);
        RulesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RulesDocument>(stream, Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Rules file {path ?? "(built-in)"} is not valid: {ex.Message}", ex);
        }

        if (document?.Rules is not { Count: > 0 } rules)
        {
            throw new InvalidDataException($"Rules file {path ?? "(built-in)"} holds no rules.");
        }

        try
        {
            return new RuleBook(rules);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"Rules file {path ?? "(built-in)"}: {ex.Message}", ex);
        }
    }

    public static string BuiltInJson()
    {
        using var stream = typeof(RulesFile).Assembly.GetManifestResourceStream("Vigil.Server.default-rules.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record RulesDocument(List<RuleDefinition> Rules);
}
