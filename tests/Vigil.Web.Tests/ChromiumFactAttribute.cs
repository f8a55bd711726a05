namespace Vigil.Web.Tests;

/// <summary>
/// A browser test: runs against Debian's chromium (never a downloaded one). Skips, saying why, where chromium is not
/// installed; CI installs it (.ci/setup.d/chromium.sh).
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Browser.ExecutablePath))
        {
            Skip = $"{Browser.ExecutablePath} is not installed; run .ci/setup.d/chromium.sh (apt-get install chromium) to run the browser tests.";
        }
    }
}
