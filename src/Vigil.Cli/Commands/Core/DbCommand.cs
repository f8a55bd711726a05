using System.CommandLine;
using Vigil.Storage.Sqlite;

namespace Vigil.Cli.Commands.Core;

/// <summary><c>vigil db migrate</c>: bring the database schema up to date.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var migrate = new Command("migrate", "Create or upgrade the database schema") { dataDir };
        migrate.SetAction(async (parse, _) =>
        {
            var path = Path.Combine(parse.GetValue(dataDir)!, "vigil.db");
            await using var database = new SqliteDatabase(new SqliteOptions { DatabasePath = path });
            Output.Result(parse, new { database = Path.GetFullPath(path), applied = database.AppliedMigrations, schemaVersion = database.SchemaVersion },
                $"{Path.GetFullPath(path)}: schema version {database.SchemaVersion} ({database.AppliedMigrations} migration(s) applied)");
            return 0;
        });
        return new Command("db", "Database administration") { migrate };
    }
}
