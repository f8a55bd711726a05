namespace Vigil.Alerting.AirQuality;

/// <summary>The six AQI categories (EPA-454/B-24-002, Table 5). Values are persisted; do not renumber.</summary>
public enum AqiCategory
{
    Good = 0,
    Moderate = 1,
    UnhealthyForSensitiveGroups = 2,
    Unhealthy = 3,
    VeryUnhealthy = 4,
    Hazardous = 5,
}
