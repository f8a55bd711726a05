namespace Vigil.Forecasting.Models;

/// <summary>
/// The candidate settings of every model family, written in feet and days and converted to the grid's unit.
/// The candidate sets were fixed before any evaluation: bandwidths span the NIJ cell sizes (250-600 ft) to a few
/// blocks (2,000 ft); decay constants are one season and one year; the self-exciting cut-offs (3,000 ft, 90 days)
/// are several times the triggering ranges reported for burglary (Mohler et al. 2011: about 200 m and a few weeks).
/// </summary>
public static class ModelCatalog
{
    private const double FootInMetres = 0.3048;

    public static IReadOnlyList<string> Names { get; } = ["naive", "kde", "kde-decay", "hawkes", "ensemble", "blend", "ranker"];

    public static bool TryParse(string name, out ModelFamily family)
    {
        family = name.Trim().ToLowerInvariant() switch
        {
            "naive" => ModelFamily.Naive,
            "kde" => ModelFamily.Kde,
            "kde-decay" => ModelFamily.KdeDecay,
            "hawkes" or "etas" => ModelFamily.Hawkes,
            "ensemble" => ModelFamily.Ensemble,
            "blend" => ModelFamily.Blend,
            "ranker" => ModelFamily.Ranker,
            _ => (ModelFamily)(-1),
        };
        return Enum.IsDefined(family);
    }

    public static string NameOf(ModelFamily family) => Names[(int)family];

    /// <summary>Candidates of one family (the ensemble has none of its own: it is built from the chosen members).</summary>
    public static IReadOnlyList<(string Label, Func<IForecastModel> Create)> Candidates(ModelFamily family, double metresPerUnit)
    {
        double Ft(double feet) => feet * FootInMetres / metresPerUnit;
        var list = new List<(string, Func<IForecastModel>)>();
        switch (family)
        {
            case ModelFamily.Naive:
                list.Add(("last period", () => new NaiveCountModel()));
                break;
            case ModelFamily.Kde:
                foreach (var bw in (double[])[250, 500, 1000, 2000])
                {
                    list.Add(($"bandwidth {bw} ft", () => new KernelDensityModel(Ft(bw))));
                }

                break;
            case ModelFamily.KdeDecay:
                foreach (var bw in (double[])[250, 500, 1000])
                {
                    foreach (var tau in (double[])[90, 365])
                    {
                        list.Add(($"bandwidth {bw} ft, tau {tau} d", () => new KernelDensityModel(Ft(bw), tau)));
                    }
                }

                break;
            case ModelFamily.Hawkes:
                foreach (var bw in (double[])[250, 500, 1000])
                {
                    list.Add(($"background bandwidth {bw} ft", () => new SelfExcitingModel(HawkesOptions(Ft(bw), metresPerUnit))));
                }

                break;
            case ModelFamily.Ensemble:
                break;
            case ModelFamily.Blend:
                list.Add(("weights learned every 91 d on the 365 d before the origin, over " + BlendLibraryDescription, () => Blend(metresPerUnit)));
                break;
            case ModelFamily.Ranker:
                list.Add(("poisson or logistic GLM learned every 91 d on the 365 d before the origin, over " + RankerFeatureDescription, () => Ranker(metresPerUnit)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown model family.");
        }

        return list;
    }

    /// <summary>What <see cref="Blend"/> mixes, for reports.</summary>
    public const string BlendLibraryDescription = "cell counts, kde 250/500/1000/2000 ft, decayed counts and kde 500 ft with tau 30/90/365 d";

    /// <summary>
    /// The learned blend with its member library, fixed before any evaluation: all-history cell counts and kernel
    /// densities spanning the NIJ cell sizes to several blocks (the multi-scale surfaces), and time-decayed counts and
    /// 500 ft densities with a month, a season and a year of memory. The weights are what is learned.
    /// </summary>
    public static BlendModel Blend(double metresPerUnit)
    {
        double Ft(double feet) => feet * FootInMetres / metresPerUnit;
        var members = new List<IForecastModel>();
        var labels = new List<string>();
        foreach (var bw in (double[])[0, 250, 500, 1000, 2000])
        {
            members.Add(new KernelDensityModel(Ft(bw)));
            labels.Add(bw == 0 ? "cell counts" : FormattableString.Invariant($"kde {bw} ft"));
        }

        foreach (var bw in (double[])[0, 500])
        {
            foreach (var tau in (double[])[30, 90, 365])
            {
                members.Add(new KernelDensityModel(Ft(bw), tau));
                labels.Add(bw == 0 ? FormattableString.Invariant($"counts tau {tau} d") : FormattableString.Invariant($"kde {bw} ft tau {tau} d"));
            }
        }

        return new BlendModel(members, labels, new BlendOptions { MetresPerUnit = metresPerUnit });
    }

    /// <summary>What <see cref="Ranker"/> learns from, for reports.</summary>
    public const string RankerFeatureDescription = "30/90/365 d and all-history cell counts, 3x3 and 5x5 rings, kde 250-2000 ft, a 30 d decayed count and, in evaluations, every forecast category's counts";

    /// <summary>
    /// The learned per-cell ranker (<see cref="RankerModel"/>) with its documented options; <paramref name="context"/>
    /// is the history of every forecast category, for the all-categories features (null leaves them out).
    /// </summary>
    public static RankerModel Ranker(double metresPerUnit, Data.IncidentSet? context = null) =>
        new(new RankerOptions { MetresPerUnit = metresPerUnit }, context);

    /// <summary>Self-exciting settings with the documented cut-offs (3,000 ft, 90 days, 256 parents) and 28-day refits.</summary>
    public static SelfExcitingOptions HawkesOptions(double backgroundBandwidth, double metresPerUnit) => new()
    {
        BackgroundBandwidth = backgroundBandwidth,
        InitialTriggerSigma = 300 * FootInMetres / metresPerUnit,
        MinTriggerSigma = 100 * FootInMetres / metresPerUnit,
        DistanceCutoff = 3000 * FootInMetres / metresPerUnit,
        TimeCutoffDays = 90,
        RefitEveryDays = 28,
    };
}
