namespace Vigil.Domain.Accounts;

/// <summary>What a person may do. Values are persisted: never renumber.</summary>
public enum Role
{
    Admin = 1,
    Operator = 2,
    Dispatcher = 3,
    Analyst = 4,
    Responder = 5,
    Auditor = 6,

    /// <summary>Security staff on a site: plan and walk guard tours, nothing of the city-wide desk.</summary>
    Guard = 7,
}
