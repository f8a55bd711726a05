using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Platform.Cameras;

/// <summary>Source-generated JSON for camera requests, stored configurations and views; enums travel as strings.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DetectionBatchRequest))]
[JsonSerializable(typeof(CameraConfigRequest))]
[JsonSerializable(typeof(CameraConfigView))]
[JsonSerializable(typeof(List<CameraConfigView>))]
public sealed partial class CameraJson : JsonSerializerContext;
