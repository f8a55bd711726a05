namespace Vigil.Routing.Osm;

/// <summary>
/// The tags of one OSM element as indices into its block's string table; no per-element allocation.
/// Elements have a handful of tags, so a linear scan beats any dictionary.
/// </summary>
public readonly ref struct OsmTagList
{
    private readonly ReadOnlySpan<string> _strings;
    private readonly ReadOnlySpan<int> _keys;
    private readonly ReadOnlySpan<int> _values;

    public OsmTagList(ReadOnlySpan<string> strings, ReadOnlySpan<int> keys, ReadOnlySpan<int> values)
    {
        if (keys.Length != values.Length)
        {
            throw new ArgumentException("Keys and values must have the same length.", nameof(values));
        }

        _strings = strings;
        _keys = keys;
        _values = values;
    }

    public int Count => _keys.Length;

    public string Key(int index) => _strings[_keys[index]];

    public string Value(int index) => _strings[_values[index]];

    /// <summary>The value of <paramref name="key"/>, or null when the element does not carry it.</summary>
    public string? Get(string key)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_strings[_keys[i]], key, StringComparison.Ordinal))
            {
                return _strings[_values[i]];
            }
        }

        return null;
    }
}
