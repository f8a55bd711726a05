namespace Vigil.Alerting.Outbreak;

/// <summary>How the Farrington upper bound is derived from the fitted model.</summary>
public enum FarringtonThreshold
{
    /// <summary>
    /// Normal approximation after the 2/3 power transform, with the prediction variance by the delta method
    /// (Farrington et al. 1996, J R Stat Soc A 159:547-563).
    /// </summary>
    Delta,

    /// <summary>The (1-α) quantile of a negative binomial with the fitted mean and dispersion (Noufaily et al. 2013).</summary>
    NegativeBinomial,
}
