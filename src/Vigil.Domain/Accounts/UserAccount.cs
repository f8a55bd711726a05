namespace Vigil.Domain.Accounts;

/// <summary>A person who signs in to Vigil.</summary>
public sealed class UserAccount
{
    public required string Id { get; init; }

    public required string UserName { get; init; }

    public required string DisplayName { get; set; }

    public required Role Role { get; set; }

    /// <summary>ASP.NET Core Identity PasswordHasher output (PBKDF2 with a per-user salt).</summary>
    public required string PasswordHash { get; set; }

    public string? AgencyId { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool Disabled { get; set; }
}
