namespace Vigil.Forecasting.Models;

/// <summary>The model families the evaluation knows by name.</summary>
public enum ModelFamily
{
    Naive = 0,
    Kde = 1,
    KdeDecay = 2,
    Hawkes = 3,
    Ensemble = 4,
    Blend = 5,
    Ranker = 6,
}
