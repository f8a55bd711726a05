using Vigil.Domain.Accounts;
using Vigil.Domain.Alarms;
using Vigil.Domain.Devices;
using Vigil.Domain.Incidents;
using Vigil.Domain.Units;

namespace Vigil.Domain.Tests;

/// <summary>These enum values are stored in databases and sent to clients; renumbering one corrupts existing data.</summary>
public sealed class PersistedValuesTests
{
    [Fact]
    public void Incident_status_values_are_frozen() => Assert.Equal(
        [(1, "New"), (2, "Acknowledged"), (3, "Dispatched"), (4, "OnScene"), (5, "Resolved"), (6, "Closed")],
        Values<IncidentStatus>());

    [Fact]
    public void Alarm_state_and_severity_values_are_frozen()
    {
        Assert.Equal([(1, "Active"), (2, "Acknowledged"), (3, "Cleared")], Values<AlarmState>());
        Assert.Equal([(1, "Info"), (2, "Minor"), (3, "Major"), (4, "Critical")], Values<Severity>());
        Assert.Equal([(1, "Emergency"), (2, "DeviceFault"), (3, "Security"), (4, "PublicHealth")], Values<AlarmCategory>());
    }

    [Fact]
    public void Unit_role_and_device_kind_values_are_frozen()
    {
        Assert.Equal([(1, "Available"), (2, "Dispatched"), (3, "EnRoute"), (4, "OnScene"), (5, "Returning"), (6, "OutOfService")], Values<UnitStatus>());
        Assert.Equal([(1, "Police"), (2, "Fire"), (3, "Ems"), (4, "Security")], Values<UnitKind>());
        Assert.Equal([(1, "Admin"), (2, "Operator"), (3, "Dispatcher"), (4, "Analyst"), (5, "Responder"), (6, "Auditor"), (7, "Guard")], Values<Role>());
        Assert.Equal(
            [(1, "AirQuality"), (2, "Traffic"), (3, "Acoustic"), (4, "Flood"), (5, "PowerGrid"), (6, "Water"), (7, "Camera"), (8, "PanicButton")],
            Values<DeviceKind>());
    }

    private static List<(int, string)> Values<T>()
        where T : struct, Enum
    {
        var list = new List<(int, string)>();
        foreach (var value in Enum.GetValues<T>())
        {
            list.Add((Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), value.ToString()));
        }

        return list;
    }
}
