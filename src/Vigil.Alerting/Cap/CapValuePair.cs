namespace Vigil.Alerting.Cap;

/// <summary>A <c>valueName</c>/<c>value</c> pair, as in <c>eventCode</c>, <c>parameter</c> and <c>geocode</c> (CAP 1.2 §3.2.2, §3.2.4).</summary>
public readonly record struct CapValuePair(string ValueName, string Value);
