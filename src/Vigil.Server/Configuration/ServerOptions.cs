using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Configuration;

/// <summary>How this node runs (section "Vigil").</summary>
public sealed class ServerOptions
{
    public const string Section = "Vigil";

    /// <summary>Folder for the database, keys and other state.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>A rules JSON file; the built-in rules when empty.</summary>
    public string? RulesFile { get; set; }

    /// <summary>The first admin's password; when empty a random one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, "vigil.db");
}
