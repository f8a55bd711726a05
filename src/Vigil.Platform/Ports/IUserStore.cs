using Vigil.Domain.Accounts;

namespace Vigil.Platform.Ports;

/// <summary>User accounts. Every change is written together with its audit record.</summary>
public interface IUserStore
{
    Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds the account; false when the user name is taken.</summary>
    Task<bool> AddAsync(UserAccount user, AuditRecord audit, CancellationToken cancellationToken);

    Task<bool> UpdateAsync(UserAccount user, AuditRecord audit, CancellationToken cancellationToken);
}
