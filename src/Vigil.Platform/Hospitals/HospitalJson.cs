using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Platform.Hospitals;

/// <summary>Source-generated JSON for stored hospitals; enums travel as strings.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(HospitalView))]
public sealed partial class HospitalJson : JsonSerializerContext;
