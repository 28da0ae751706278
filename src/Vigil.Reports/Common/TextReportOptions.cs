namespace Vigil.Reports.Common;

/// <summary>
/// How the human-readable formats (text, quickview, table) render. The defaults are for files and pipes:
/// no ANSI codes and a fixed width, so output is stable and diffable. The CLI passes <see cref="ForConsole"/> when
/// writing to a real terminal.
/// </summary>
/// <param name="Color">Emit ANSI colour and styles.</param>
/// <param name="Width">Columns to lay out in; tables wrap within it.</param>
/// <param name="Unicode">Box-drawing characters and symbols; false falls back to ASCII.</param>
public sealed record TextReportOptions(bool Color = false, int Width = 120, bool Unicode = true)
{
    public static TextReportOptions Plain { get; } = new();

    /// <summary>
    /// Options for the process's standard output: colour only on a terminal without NO_COLOR or TERM=dumb,
    /// the terminal's width (at least 80), and the plain defaults when output is redirected.
    /// </summary>
    public static TextReportOptions ForConsole()
    {
        if (Console.IsOutputRedirected) return Plain;
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            || string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        int width;
        try
        {
            width = Console.WindowWidth;
        }
        catch (IOException)
        {
            width = Plain.Width;
        }
        return new TextReportOptions(Color: !noColor, Width: Math.Max(80, width));
    }
}
