namespace Vigil.Alerting.AirQuality;

/// <summary>One row of the AQI breakpoint table: concentrations [Low, High] map linearly to index [IndexLow, IndexHigh].</summary>
internal readonly record struct AqiBreakpoint(decimal Low, decimal High, int IndexLow, int IndexHigh);
