namespace Vigil.Alerting.Cap.Validation;

/// <summary>The outcome of validating one document: every finding, and the alert when the document could be read.</summary>
public sealed class CapValidationReport
{
    public CapValidationReport(IReadOnlyList<CapFinding> findings, CapAlert? alert)
    {
        Findings = findings;
        Alert = alert;
    }

    public IReadOnlyList<CapFinding> Findings { get; }

    public CapAlert? Alert { get; }

    /// <summary>No errors in any layer that ran (warnings allowed).</summary>
    public bool IsValid => CountErrors(null) == 0;

    /// <summary>The verdict of layer (a) alone: safe XML that matches the CAP 1.2 schema.</summary>
    public bool IsStructureValid => CountErrors(CapValidationLayer.Xml) == 0 && CountErrors(CapValidationLayer.Structure) == 0;

    public int CountErrors(CapValidationLayer? layer)
    {
        var n = 0;
        foreach (var f in Findings)
        {
            if (f.Severity == CapFindingSeverity.Error && (layer is null || f.Layer == layer))
            {
                n++;
            }
        }

        return n;
    }
}
