using Spectre.Console;

namespace Vigil.Cli.Infrastructure;

/// <summary>The process's consoles. Reports go to stdout; progress and errors go to stderr.</summary>
public static class Terminal
{
    public static IAnsiConsole Stderr { get; } = CreateStderr();

    private static IAnsiConsole CreateStderr()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = Console.IsErrorRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsErrorRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        // Logs and pipes get whole lines: a message wrapped at 80 columns is hard to grep.
        if (Console.IsErrorRedirected) console.Profile.Width = 4096;
        return console;
    }

    /// <summary>Progress is shown only to a person: never in CI logs or pipes.</summary>
    public static bool ShowProgress => !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null or "" or "false";

    public static bool StdoutIsTerminal => !Console.IsOutputRedirected;
}
