using System.CommandLine;

namespace Vigil.Cli.Commands.Core;

/// <summary><c>vigil db migrate</c>: bring the database schema up to date.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var migrate = new Command("migrate", "Create or upgrade the database schema") { dataDir, storage };
        migrate.SetAction(async (parse, _) =>
        {
            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            Output.Result(parse, new { database = database.Location, applied = database.AppliedMigrations, schemaVersion = database.SchemaVersion },
                $"{database.Location}: schema version {database.SchemaVersion} ({database.AppliedMigrations} migration(s) applied)");
            return 0;
        });
        return new Command("db", "Database administration") { migrate };
    }
}
