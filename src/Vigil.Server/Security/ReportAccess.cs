using System.Security.Claims;
using Microsoft.Extensions.Options;
using Vigil.Domain.Reports;
using Vigil.Platform.Configuration;

namespace Vigil.Server.Security;

/// <summary>
/// Which reports a signed-in person may see. Everything except suspicious-activity tips, which only members of a
/// police agency see; to everyone else a tip does not exist (404, not 403, so its ticket cannot be probed).
/// </summary>
public sealed class ReportAccess(IOptions<PrivacyOptions> options)
{
    public bool MaySee(ClaimsPrincipal user, string category)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ReportCategories.IsPoliceOnly(category))
        {
            return true;
        }

        var agency = user.FindFirst(AuthSchemes.AgencyClaim)?.Value;
        return agency is not null && Array.IndexOf(options.Value.PoliceAgencies, agency) >= 0;
    }
}
