using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Vigil.Core;
using Vigil.Database;

namespace Vigil.Cli.Commands.Db;

/// <summary>Prints a database's status as a table (text) or JSON.</summary>
public static class DbStatusOutput
{
    public static async Task WriteAsync(DatabaseStatus status, string format, Stream output, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case "json":
                await JsonSerializer.SerializeAsync(output, status, DbStatusJsonContext.Default.DatabaseStatus, cancellationToken);
                await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
                return;
            case "text":
                var writer = new StreamWriter(output, leaveOpen: true);
                var console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(writer),
                    Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
                    ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
                });
                if (Console.IsOutputRedirected) console.Profile.Width = 200;
                Render(status, console);
                await writer.FlushAsync(cancellationToken);
                return;
            default:
                throw new VigilException(ErrorKind.Usage, $"--format: '{format}' is not a status format", "use text or json");
        }
    }

    private static void Render(DatabaseStatus s, IAnsiConsole console)
    {
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine($"[bold]Database[/]  {Markup.Escape(s.Path)}");
        console.MarkupLine($"  schema    {s.SchemaVersion}");
        console.MarkupLine($"  built     {(s.BuiltAt is { } b ? b.ToString("u", inv) : "never")}{(s.Age is { } a ? $" ({Age(a)} ago)" : "")}");
        console.MarkupLine($"  size      {(s.SizeBytes / 1024.0 / 1024.0).ToString("0.0", inv)} MiB");
        var feeds = new Table().Border(TableBorder.Simple).AddColumns("feed", "advisories");
        foreach (var f in s.Feeds) feeds.AddRow(Markup.Escape(f.Feed), f.Advisories.ToString(inv));
        console.Write(feeds);
        var ns = new Table().Border(TableBorder.Simple).AddColumns("namespace", "packages", "advisories", "statements");
        foreach (var n in s.Namespaces) ns.AddRow(Markup.Escape(n.Namespace), n.Packages.ToString(inv), n.Advisories.ToString(inv), n.Statements.ToString(inv));
        console.Write(ns);
        var imports = new Table().Border(TableBorder.Simple).AddColumns("feed", "format", "source", "imported", "records", "sha256");
        foreach (var i in s.Imports)
            imports.AddRow(Markup.Escape(i.Feed), Markup.Escape(i.Format), Markup.Escape(i.Source), i.ImportedAt.ToString("u", inv), i.Records.ToString(inv), i.InputSha256[..Math.Min(12, i.InputSha256.Length)]);
        console.Write(imports);
    }

    internal static string Age(TimeSpan a) =>
        a.TotalDays >= 1 ? $"{(int)a.TotalDays}d" : a.TotalHours >= 1 ? $"{(int)a.TotalHours}h" : $"{(int)Math.Max(0, a.TotalMinutes)}m";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DatabaseStatus))]
internal sealed partial class DbStatusJsonContext : JsonSerializerContext;
