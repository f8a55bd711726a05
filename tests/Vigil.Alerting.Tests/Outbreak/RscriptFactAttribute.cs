namespace Vigil.Alerting.Tests.Outbreak;

/// <summary>A fact that runs only where Rscript is on the PATH (CI installs it through .ci/setup.d/alerting.sh).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RscriptFactAttribute : FactAttribute
{
    public RscriptFactAttribute()
    {
        if (Rscript.Path is null)
        {
            Skip = "Rscript is not on the PATH; install r-cran-surveillance to compare with R.";
        }
    }
}
