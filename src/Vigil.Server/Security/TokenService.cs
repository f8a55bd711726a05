using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Vigil.Domain.Accounts;

namespace Vigil.Server.Security;

/// <summary>
/// Issues and checks the bearer tokens API clients use: JWTs signed with HMAC-SHA256 under a key kept in the data
/// folder (created on first run), so every node sharing that key accepts them.
/// </summary>
public sealed class TokenService
{
    public const string Issuer = "vigil";
    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TimeProvider _time;

    public TokenService(string keyFile, TimeProvider timeProvider)
    {
        _time = timeProvider;
        byte[] key;
        if (File.Exists(keyFile))
        {
            key = File.ReadAllBytes(keyFile);
        }
        else
        {
            key = RandomNumberGenerator.GetBytes(64);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
            File.WriteAllBytes(keyFile, key);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        _key = new SymmetricSecurityKey(key);
    }

    public static TimeSpan Lifetime => TimeSpan.FromHours(12);

    public string Issue(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Subject = new ClaimsIdentity(Claims(user)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task<ClaimsPrincipal?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Issuer,
            IssuerSigningKey = _key,
            ValidateLifetime = true,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = _time.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now.AddMinutes(1)) && expires > now;
            },
            NameClaimType = ClaimTypes.Name,
            RoleClaimType = ClaimTypes.Role,
        }).ConfigureAwait(false);
        return result.IsValid ? new ClaimsPrincipal(new ClaimsIdentity(result.ClaimsIdentity.Claims, AuthSchemes.Bearer, ClaimTypes.Name, ClaimTypes.Role)) : null;
    }

    public static IEnumerable<Claim> Claims(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        yield return new Claim(ClaimTypes.NameIdentifier, user.Id);
        yield return new Claim(ClaimTypes.Name, user.UserName);
        yield return new Claim(ClaimTypes.Role, user.Role.ToString());
        if (!string.IsNullOrEmpty(user.AgencyId))
        {
            yield return new Claim(AuthSchemes.AgencyClaim, user.AgencyId);
        }
    }
}
