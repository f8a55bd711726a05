using System.Security.Cryptography;

namespace Vigil.Server.Security;

public static class PasswordPolicy
{
    public const int MinLength = 10;

    public static string? Check(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinLength
            ? $"must be at least {MinLength} characters."
            : null;

    /// <summary>A random password of 20 characters from an alphabet without look-alikes.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
