using Microsoft.AspNetCore.Authorization;
using Vigil.Domain.Accounts;

namespace Vigil.Server.Security;

/// <summary>
/// Every endpoint names one of these policies; the fallback policy denies anything that names none.
/// The table below is the whole role model: read it to know who may do what.
/// </summary>
public static class Policies
{
    public const string ViewOperations = "operations.view";
    public const string AcknowledgeAlarms = "alarms.acknowledge";
    public const string CreateIncidents = "incidents.create";
    public const string WorkIncidents = "incidents.work";
    public const string Dispatch = "units.dispatch";
    public const string UpdateUnits = "units.update";
    public const string ManageUnits = "units.manage";
    public const string ManageDevices = "devices.manage";
    public const string ManageUsers = "users.manage";
    public const string ReadAudit = "audit.read";
    public const string ViewForecasts = "forecasts.view";
    public const string DraftAlerts = "alerts.draft";
    public const string ApproveAlerts = "alerts.approve";
    public const string ManageApiKeys = "apikeys.manage";

    public const string ManageSubscribers = "subscribers.manage";
    public const string ReportHealthCounts = "health.report";
    public const string ManageHospitals = "hospitals.manage";
    public const string ReportHospitalCapacity = "hospitals.capacity";
    public const string PlanGuardTours = "guardtours.plan";
    public const string Device = "device";
    public const string AnyUser = "user.any";

    public static readonly IReadOnlyDictionary<string, Role[]> Roles = new Dictionary<string, Role[]>
    {
        [ViewOperations] = [Role.Admin, Role.Operator, Role.Dispatcher, Role.Analyst, Role.Responder],
        // Analysts only for the public-health (outbreak) alarms that are theirs: AlarmsApi checks the category.
        [AcknowledgeAlarms] = [Role.Admin, Role.Operator, Role.Dispatcher, Role.Analyst],
        [CreateIncidents] = [Role.Admin, Role.Operator, Role.Dispatcher],
        [WorkIncidents] = [Role.Admin, Role.Operator, Role.Dispatcher, Role.Responder],
        [Dispatch] = [Role.Admin, Role.Dispatcher],
        [UpdateUnits] = [Role.Admin, Role.Dispatcher, Role.Responder],
        // Which units make up the fleet is set-up, like devices and hospitals.
        [ManageUnits] = [Role.Admin],
        [ManageDevices] = [Role.Admin],
        [ManageUsers] = [Role.Admin],
        [ReadAudit] = [Role.Admin, Role.Auditor],

        // Place-based crime forecasts are planning material for analysts, not an operator's live view.
        [ViewForecasts] = [Role.Admin, Role.Analyst],
        // Public warnings: the desk drafts, a supervisor (the operator on shift, or an administrator) issues, and the
        // two-person rule in the alert desk refuses an approval by the draft's own author.
        [DraftAlerts] = [Role.Admin, Role.Operator, Role.Dispatcher],
        [ApproveAlerts] = [Role.Admin, Role.Operator],

        // Keys let outside apps file reports in the city's name: issuing and revoking them is an administrator's call.
        [ManageApiKeys] = [Role.Admin],

        // Webhook receivers get every warning for their area and hold a signing secret: registering one, and handling
        // deliveries that failed, is for the same people who may issue warnings.
        [ManageSubscribers] = [Role.Admin, Role.Operator],
        // Health counts come from the public-health analysts who collect them (or an integration signed in as one).
        [ReportHealthCounts] = [Role.Admin, Role.Analyst],

        // Which hospitals EMS may take patients to is a configuration decision, like devices.
        [ManageHospitals] = [Role.Admin],
        // Capacity reaches the desk from the emergency department by phone or the regional bed board; the desk staff
        // who take it enter it, and a hospital system reports through an account with one of these roles.
        [ReportHospitalCapacity] = [Role.Admin, Role.Operator, Role.Dispatcher],

        // Guard tours are planned by security supervisors (operators on shift), desk staff, mobile patrol crews
        // (responders), and the guards themselves. Guards hold this permission and no other: a site's security staff
        // have no business with the city's alarms, incidents, residents' reports, dispatch or crime forecasts. Tours
        // place no one and score no one, so no analyst role is needed.
        [PlanGuardTours] = [Role.Admin, Role.Operator, Role.Dispatcher, Role.Responder, Role.Guard],
    };

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (name, roles) in Roles)
        {
            var names = Array.ConvertAll(roles, r => r.ToString());
            options.AddPolicy(name, p => p.AddAuthenticationSchemes(AuthSchemes.User).RequireRole(names));
        }

        options.AddPolicy(AnyUser, p => p.AddAuthenticationSchemes(AuthSchemes.User).RequireAuthenticatedUser());
        options.AddPolicy(Device, p => p.AddAuthenticationSchemes(AuthSchemes.DeviceKey).RequireClaim(AuthSchemes.DeviceClaim));

        // Deny by default: an endpoint without an explicit policy (or an explicit AllowAnonymous) is unreachable.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAssertion(_ => false).Build();
    }
}
