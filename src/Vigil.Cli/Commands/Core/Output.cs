using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Vigil.Cli.Commands.Core;

/// <summary>Writes a command's result for people (text, tables) or, with --json, for machines.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static bool IsJson(ParseResult parse) => parse.GetValue(GlobalOptions.Json);

    public static void Result(ParseResult parse, object value, string text)
    {
        if (IsJson(parse))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));
        }
        else
        {
            AnsiConsole.MarkupLine(Markup.Escape(text));
        }
    }

    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
