using System.ComponentModel;
using Spectre.Console.Cli;
using Vigil.Database;

namespace Vigil.Cli.Commands.Db;

public sealed class DbStatusSettings : CommandSettings
{
    [CommandOption("--db <PATH>")]
    [Description("The vulnerability database (default: $VIGIL_DB, else ~/.cache/vigil/vigil.db)")]
    public string? Db { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("text or json")]
    public string Format { get; init; } = "text";
}

public sealed class DbStatusCommand : AsyncCommand<DbStatusSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DbStatusSettings settings, CancellationToken cancellationToken)
    {
        var status = await AdvisoryDatabase.GetStatusAsync(DatabasePath.Resolve(settings.Db), cancellationToken);
        await using var stdout = Console.OpenStandardOutput();
        await DbStatusOutput.WriteAsync(status, settings.Format, stdout, cancellationToken);
        return 0;
    }
}
