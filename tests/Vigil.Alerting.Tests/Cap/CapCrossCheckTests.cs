using Vigil.Alerting.Cap.Validation;
using Vigil.Testing;

namespace Vigil.Alerting.Tests.Cap;

/// <summary>
/// Our structure layer against xmllint's XSD verdict (column xsd_valid_cap12_xmllint of ../shared/data/cap/verdicts.csv,
/// computed with the OASIS CAP 1.2 schema). There is no known disagreement; any new one fails with both reasons.
/// </summary>
public sealed class CapCrossCheckTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var row in CapExamples.Rows())
        {
            data.Add(row.File);
        }

        if (data.Count == 0)
        {
            data.Add("(no shared data)");
        }

        return data;
    }

    [DataTheory(CapExamples.Verdicts)]
    [MemberData(nameof(Files))]
    public void Structure_verdict_agrees_with_xmllint_xsd_verdict(string file)
    {
        var row = CapExamples.Rows().Single(r => r.File == file);
        using var stream = File.OpenRead(CapExamples.PathOf(file));
        var report = CapValidator.Validate(stream);
        var ours = string.Join(" | ", report.Findings.Where(f => f.Layer <= CapValidationLayer.Structure));
        Assert.True(
            report.IsStructureValid == row.XsdValid,
            $"{file}: ours {(report.IsStructureValid ? "valid" : "invalid")} ({ours}); xmllint {(row.XsdValid ? "valid" : "invalid")} ({row.FirstError})");
    }

    [DataFact(CapExamples.Verdicts)]
    public void Every_example_is_accounted_for()
    {
        var rows = CapExamples.Rows();
        var files = Directory.GetFiles(CapExamples.PathOf("examples")).Select(p => "examples/" + Path.GetFileName(p)).Order().ToList();
        Assert.Equal(files, rows.Select(r => r.File).Order().ToList());
    }
}
