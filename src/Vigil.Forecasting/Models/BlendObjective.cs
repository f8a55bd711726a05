namespace Vigil.Forecasting.Models;

/// <summary>What <see cref="BlendModel"/> maximises on its inner backtest.</summary>
public enum BlendObjective
{
    /// <summary>Mean PAI at the NIJ areas, by greedy ensemble selection: the reported quantity, but seen through few incidents.</summary>
    Pai = 0,

    /// <summary>Log-likelihood of every inner incident's cell under the mixture, by EM: uses all incidents.</summary>
    Likelihood = 1,
}
