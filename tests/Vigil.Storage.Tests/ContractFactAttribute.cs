using Xunit;
using Xunit.Sdk;

namespace Vigil.Storage.Tests;

/// <summary>
/// A fact of the storage contract. It is declared once on the abstract suite and runs once per fixture class; on a
/// fixture that needs a server which is not there (see <see cref="RequiresPostgresAttribute"/>), it is skipped with
/// the reason rather than failed.
/// </summary>
[XunitTestCaseDiscoverer("Vigil.Storage.Tests.ContractFactDiscoverer", "Vigil.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;
