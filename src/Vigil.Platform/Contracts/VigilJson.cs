using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Domain.Accounts;

namespace Vigil.Platform.Contracts;

/// <summary>Source-generated JSON for everything Vigil persists or sends; enums travel as strings.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeviceView))]
[JsonSerializable(typeof(AlarmView))]
[JsonSerializable(typeof(IncidentView))]
[JsonSerializable(typeof(UnitView))]
[JsonSerializable(typeof(UserAccount))]
[JsonSerializable(typeof(Agency))]
[JsonSerializable(typeof(FeedEnvelope))]
[JsonSerializable(typeof(List<AlarmView>))]
[JsonSerializable(typeof(List<IncidentView>))]
[JsonSerializable(typeof(List<UnitView>))]
[JsonSerializable(typeof(List<DeviceView>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ReportView))]
[JsonSerializable(typeof(ReportEnvelope))]
[JsonSerializable(typeof(Vigil.Platform.Privacy.ContactDetails))]
[JsonSerializable(typeof(Vigil.Platform.Reports.PurgeSummary))]
[JsonSerializable(typeof(Vigil.Platform.Privacy.ContactKeyFileDocument))]
[JsonSerializable(typeof(CityLayers))]
[JsonSerializable(typeof(AlertView))]
[JsonSerializable(typeof(AlertEnvelope))]
[JsonSerializable(typeof(SubscriberView))]
[JsonSerializable(typeof(DeviceMapView))]
[JsonSerializable(typeof(Vigil.Platform.Operations.DeskCommand))]
[JsonSerializable(typeof(Vigil.Platform.Operations.DeskReply))]
public sealed partial class VigilJson : JsonSerializerContext;
