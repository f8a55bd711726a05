using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Platform.Privacy;

namespace Vigil.Platform.Reports;

/// <summary>A report as a resident submits it, already validated by the API; the photo is already stripped of metadata.</summary>
public sealed record NewReport(string Category, string Description, GeoView? Location, string? LocationText, ContactDetails? Contact, ReportPhoto? Photo);
