namespace Vigil.Server.Open311;

/// <summary>
/// One GeoReport v2 answer, kept format-neutral so the .json and .xml forms are written from the same fields in the
/// same order. <see cref="ItemName"/> null: a single object (a service definition); otherwise a list of items, which
/// JSON writes as an array and XML as a root element holding one element per item.
/// </summary>
internal sealed record Open311Document(string RootName, string? ItemName, IReadOnlyList<Open311Fields> Items);

/// <summary>The fields of one item in order. A value is a string, bool, int, double, null or a nested <see cref="Open311List"/>.</summary>
internal sealed class Open311Fields : List<KeyValuePair<string, object?>>
{
    public Open311Fields Add(string name, object? value)
    {
        Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }
}

/// <summary>A nested list: JSON "name": [ {...} ], XML &lt;name&gt;&lt;item&gt;...&lt;/item&gt;&lt;/name&gt;.</summary>
internal sealed record Open311List(string ItemName, IReadOnlyList<Open311Fields> Items);
