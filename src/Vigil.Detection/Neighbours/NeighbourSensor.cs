using Vigil.Domain.Geo;

namespace Vigil.Detection.Neighbours;

/// <summary>
/// One registered device as its neighbours see it: where it stands and its latest reading of each quantity.
/// Only the pipeline worker that owns the device writes its readings; other workers read them without locks, so a
/// read may pair a value with the previous reading's time, which at worst keeps one stale value in a median.
/// </summary>
public sealed class NeighbourSensor
{
    internal NeighbourSensor(int ordinal, GeoPoint location, string[] quantities)
    {
        Ordinal = ordinal;
        Location = location;
        Quantities = quantities;
        Values = new double[quantities.Length];
        TimesMs = new long[quantities.Length];
        Array.Fill(Values, double.NaN);
        Array.Fill(TimesMs, long.MinValue);
    }

    public int Ordinal { get; }

    public GeoPoint Location { get; }

    internal string[] Quantities { get; }

    internal double[] Values { get; }

    internal long[] TimesMs { get; }

    internal void Record(int quantityIndex, long timestampMs, double value)
    {
        if ((uint)quantityIndex < (uint)Values.Length && timestampMs >= Volatile.Read(ref TimesMs[quantityIndex]))
        {
            Volatile.Write(ref Values[quantityIndex], value);
            Volatile.Write(ref TimesMs[quantityIndex], timestampMs);
        }
    }

    internal int IndexOf(string quantity)
    {
        for (var i = 0; i < Quantities.Length; i++)
        {
            if (string.Equals(Quantities[i], quantity, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
