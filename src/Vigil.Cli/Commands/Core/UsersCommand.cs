using System.CommandLine;
using Vigil.Domain.Accounts;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Cli.Commands.Core;

/// <summary><c>vigil users add</c>.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir();
        var storage = CliDatabase.StorageOption();
        var userName = new Option<string>("--username") { Description = "Sign-in name", Required = true };
        var role = new Option<Role>("--role") { Description = "Admin, Operator, Dispatcher, Analyst, Responder, Auditor or Guard", Required = true };
        var password = new Option<string?>("--password") { Description = "At least 10 characters; a random one is generated and printed when omitted" };
        var displayName = new Option<string?>("--display-name") { Description = "Name shown in timelines" };
        var agency = new Option<string?>("--agency") { Description = "Agency the person works for; members of a police agency (Vigil:Privacy:PoliceAgencies) see suspicious-activity tips" };
        var add = new Command("add", "Create a user account") { dataDir, storage, userName, role, password, displayName, agency };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(password);
            if (given is not null && PasswordPolicy.Check(given) is { } problem)
            {
                return Output.Fail($"--password {problem}");
            }

            var secret = given ?? PasswordPolicy.Generate();
            await using var database = CliDatabase.Open(parse.GetValue(dataDir)!, parse.GetValue(storage), out var error);
            if (database is null)
            {
                return Output.Fail(error!);
            }

            var name = parse.GetValue(userName)!;
            var user = await AccountFactory.CreateAsync(database.Users(), name, parse.GetValue(displayName) ?? name, parse.GetValue(role), secret,
                parse.GetValue(agency), Environment.UserName, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                return Output.Fail($"user name {name} is taken");
            }

            Output.Result(parse, new { user.Id, user.UserName, role = user.Role, password = given is null ? secret : null },
                given is null ? $"Created {name} ({user.Role}). Password (shown once): {secret}" : $"Created {name} ({user.Role}).");
            return 0;
        });
        return new Command("users", "Manage user accounts") { add };
    }
}
