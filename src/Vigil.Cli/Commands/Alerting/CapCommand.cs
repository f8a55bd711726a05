using System.CommandLine;
using Vigil.Alerting.Cap.Validation;

namespace Vigil.Cli.Commands.Alerting;

/// <summary><c>vigil cap validate &lt;files…&gt; [--profile ipaws|google] [--json]</c></summary>
internal static class CapCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "CAP 1.2 documents to check", Arity = ArgumentArity.OneOrMore };
        var profile = new Option<string?>("--profile") { Description = "Also check a profile: ipaws or google" };
        profile.AcceptOnlyFromAmong("ipaws", "google");
        var validate = new Command("validate", "Validate CAP 1.2 alerts: structure, Section 3 rules and an optional profile; one line per file")
        {
            files,
            profile,
        };
        validate.SetAction(r => Validate(r.GetValue(files) ?? [], r.GetValue(profile), r.GetValue(GlobalOptions.Json)));
        return new Command("cap", "Common Alerting Protocol (CAP 1.2) tools") { validate };
    }

    private static int Validate(string[] files, string? profileName, bool json)
    {
        var profile = profileName switch
        {
            "ipaws" => CapProfile.Ipaws,
            "google" => CapProfile.Google,
            _ => CapProfile.None,
        };
        var results = new List<object>();
        var exit = 0;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                exit = 2;
                if (json)
                {
                    results.Add(new { file, valid = false, error = "file not found" });
                }
                else
                {
                    Console.Out.WriteLine($"ERROR   {file}: file not found");
                }

                continue;
            }

            CapValidationReport report;
            using (var stream = File.OpenRead(file))
            {
                report = CapValidator.Validate(stream, profile);
            }

            if (!report.IsValid)
            {
                exit = Math.Max(exit, 1);
            }

            if (json)
            {
                results.Add(new
                {
                    file,
                    valid = report.IsValid,
                    structureValid = report.IsStructureValid,
                    findings = report.Findings.Select(f => new
                    {
                        layer = f.Layer.ToString().ToLowerInvariant(),
                        severity = f.Severity.ToString().ToLowerInvariant(),
                        code = f.Code,
                        element = f.Element,
                        line = f.Line,
                        message = f.Message,
                    }),
                });
            }
            else
            {
                var verdict = report.IsValid ? "VALID  " : "INVALID";
                var detail = report.Findings.Count == 0 ? string.Empty : ": " + string.Join("; ", report.Findings);
                Console.Out.WriteLine($"{verdict} {file}{detail}");
            }
        }

        if (json)
        {
            CliJson.Write(new { profile = profileName ?? "none", files = results });
        }

        return exit;
    }
}
