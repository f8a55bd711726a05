namespace Vigil.Alerting.Outbreak;

/// <summary>
/// The CDC Early Aberration Reporting System statistics (Hutwagner et al., "The bioterrorism preparedness and response
/// Early Aberration Reporting System (EARS)", J Urban Health 2003;80(2 Suppl 1):i89-96).
/// </summary>
public enum EarsMethod
{
    /// <summary>Baseline: the 7 periods just before the current one.</summary>
    C1,

    /// <summary>Baseline: 7 periods ending 3 periods back (a 2-period guard band).</summary>
    C2,

    /// <summary>The current C2 statistic plus the excesses of the two previous ones.</summary>
    C3,
}
