namespace Vigil.Alerting.Cap.Validation;

/// <summary>
/// One problem found in a CAP document. <see cref="Element"/> is a path such as <c>alert/info[1]/area[2]/polygon[1]</c>
/// (1-based positions among same-named siblings); <see cref="Line"/> is 0 where no line is known.
/// </summary>
public sealed record CapFinding(
    CapValidationLayer Layer,
    CapFindingSeverity Severity,
    string Code,
    string Element,
    int Line,
    string Message)
{
    public override string ToString() =>
        Line > 0
            ? $"{Severity.ToString().ToUpperInvariant()} {Code} {Element} (line {Line}): {Message}"
            : $"{Severity.ToString().ToUpperInvariant()} {Code} {Element}: {Message}";
}
