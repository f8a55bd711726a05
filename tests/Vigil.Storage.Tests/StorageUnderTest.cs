using Vigil.Platform.Ports;

namespace Vigil.Storage.Tests;

/// <summary>One adapter's stores over a fresh, empty database, and a way to tamper with it behind the adapter's back.</summary>
public sealed class StorageUnderTest(
    IObservationStore observations,
    IDeviceStore devices,
    IUserStore users,
    IAuditStore audit,
    IOperationsStore operations,
    IReportStore reports,
    ICityMapStore cityMap,
    IApiKeyStore apiKeys,
    Func<long, Task> tamperWithAuditAsync,
    Func<ValueTask> disposeAsync,
    ICameraStore cameras) : IAsyncDisposable
{
    public ICameraStore Cameras { get; } = cameras;

    public IObservationStore Observations { get; } = observations;

    public IDeviceStore Devices { get; } = devices;

    public IUserStore Users { get; } = users;

    public IAuditStore Audit { get; } = audit;

    public IOperationsStore Operations { get; } = operations;

    public IReportStore Reports { get; } = reports;

    public ICityMapStore CityMap { get; } = cityMap;

    public IApiKeyStore ApiKeys { get; } = apiKeys;

    public required IDetectorStateStore DetectorState { get; init; }

    public required IAlertStore Alerts { get; init; }

    public required ISubscriberStore Subscribers { get; init; }

    public required IDeliveryOutbox Deliveries { get; init; }

    public required ICountSeriesStore HealthCounts { get; init; }

    public required IHospitalStore Hospitals { get; init; }

    /// <summary>Rewrites the actor of the audit entry with this sequence number directly in the database.</summary>
    public Task TamperWithAuditAsync(long seq) => tamperWithAuditAsync(seq);

    public ValueTask DisposeAsync() => disposeAsync();
}
