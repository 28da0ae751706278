using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Vigil.Cli.Infrastructure;
using Vigil.Database;

namespace Vigil.Cli.Commands.Db;

public sealed class DbImportSettings : CommandSettings
{
    [CommandArgument(0, "<SOURCE>")]
    [Description("Files, directories, zips or http(s) URLs of advisory feeds (Debian tracker, Alpine secdb, OSV, NVD)")]
    public string[] Sources { get; init; } = [];

    [CommandOption("--db <PATH>")]
    [Description("The vulnerability database (default: $VIGIL_DB, else ~/.cache/vigil/vigil.db)")]
    public string? Db { get; init; }
}

/// <summary>Imports feeds atomically: on any failure the previous database stays as it was.</summary>
public sealed class DbImportCommand : AsyncCommand<DbImportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DbImportSettings settings, CancellationToken cancellationToken)
    {
        var path = DatabasePath.Resolve(settings.Db);
        var summary = await DatabaseImporter.ImportAsync(path, settings.Sources, Ecosystems.Ecosystems.FeedParsers, null, cancellationToken);
        var console = Terminal.Stderr;
        console.MarkupLine($"imported into [bold]{Markup.Escape(path)}[/]");
        foreach (var source in summary.Sources)
        {
            var what = source.Unchanged ? "unchanged (HTTP 304)" : $"{source.Records} records";
            console.MarkupLine($"  {Markup.Escape(source.Feed)} ({Markup.Escape(source.Format)}): {what} from {Markup.Escape(source.Source)}");
        }
        console.MarkupLine($"  in {summary.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}s");
        return 0;
    }
}
