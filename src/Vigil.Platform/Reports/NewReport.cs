using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Reports;

/// <summary>A report as a resident submits it, already validated by the API.</summary>
public sealed record NewReport(string Category, string Description, GeoView? Location, string? LocationText, string? Contact, ReportPhoto? Photo);
