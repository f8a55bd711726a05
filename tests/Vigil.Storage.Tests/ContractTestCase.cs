using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vigil.Storage.Tests;

/// <summary>Decides the skip when the test runs, from the fixture class, so it holds after serialisation too.</summary>
public sealed class ContractTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer only.")]
    public ContractTestCase()
    {
    }

    public ContractTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var type = TestMethod.TestClass.Class.ToRuntimeType();
        if (type?.GetCustomAttribute<RequiresPostgresAttribute>() is not null && RequiresPostgresAttribute.ConnectionString is null)
        {
            return RequiresPostgresAttribute.SkipReason;
        }

        return base.GetSkipReason(factAttribute);
    }
}
