using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Vigil.Reports.Common;

/// <summary>
/// Renders Spectre.Console widgets into a report stream. Rendering goes through a string so that line ends
/// are always '\n' and trailing padding is trimmed, whatever the platform and options.
/// </summary>
internal static class ConsoleRenderer
{
    public static async Task WriteAsync(Stream output, TextReportOptions options, Action<IAnsiConsole> render, CancellationToken cancellationToken)
    {
        using var buffer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = options.Color ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = options.Color ? ColorSystemSupport.TrueColor : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(buffer),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = options.Width;
        console.Profile.Capabilities.Unicode = options.Unicode;
        render(console);
        cancellationToken.ThrowIfCancellationRequested();

        var lines = buffer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var sb = new StringBuilder();
        foreach (var line in lines) sb.Append(line.TrimEnd(' ')).Append('\n');
        var text = sb.ToString().TrimEnd('\n') + "\n";
        await output.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken);
    }

    public static IRenderable Markup(string text) => new Markup(text);
}
