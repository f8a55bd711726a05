using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Cli.Commands.Alerting;

internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(object document) => Console.Out.WriteLine(JsonSerializer.Serialize(document, Options));
}
