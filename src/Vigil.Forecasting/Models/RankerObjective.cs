namespace Vigil.Forecasting.Models;

/// <summary>What the <see cref="RankerModel"/>'s generalised linear model fits on its inner windows.</summary>
public enum RankerObjective
{
    /// <summary>Poisson regression (log link) of each cell's count in the window: the expected number of incidents.</summary>
    Poisson = 0,

    /// <summary>Logistic regression of "the cell sees at least one incident in the window", which is what a top-k PAI rewards.</summary>
    Logistic = 1,
}
