using Spectre.Console;
using Spectre.Console.Cli;
using Vigil.Core;
using Vigil.Core.Model;

namespace Vigil.Cli.Infrastructure;

/// <summary>Every failure ends here: one clear message on stderr and exit code 1 (never 0, 2 or 3).</summary>
public static class ErrorReporter
{
    public static int Report(Exception exception)
    {
        var err = Terminal.Stderr;
        switch (exception)
        {
            case VigilException vex:
                err.MarkupLine($"[red]error[/] ({KindText(vex.Kind)}): {Markup.Escape(vex.Message)}");
                if (vex.Hint is { Length: > 0 } hint) err.MarkupLine($"  [yellow]hint[/]: {Markup.Escape(hint)}");
                break;
            case CommandParseException or CommandRuntimeException:
                err.MarkupLine($"[red]error[/] (usage): {Markup.Escape(exception.Message)}");
                err.MarkupLine("  [yellow]hint[/]: run 'vigil --help' or 'vigil COMMAND --help'");
                break;
            case OperationCanceledException:
                err.MarkupLine("[red]error[/]: cancelled");
                break;
            default:
                err.MarkupLine($"[red]error[/] (internal): {Markup.Escape(exception.GetType().Name)}: {Markup.Escape(exception.Message)}");
                err.MarkupLine("  [yellow]hint[/]: this is a bug in Vigil; please report it with the command you ran");
                if (Environment.GetEnvironmentVariable("VIGIL_DEBUG") is "1") err.WriteException(exception);
                break;
        }
        return Verdict.ExitCodes.Error;
    }

    private static string KindText(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => "invalid input",
        ErrorKind.Integrity => "integrity",
        ErrorKind.NotFound => "not found",
        ErrorKind.Unsupported => "unsupported",
        ErrorKind.Unauthorized => "unauthorized",
        ErrorKind.Network => "network",
        ErrorKind.Database => "database",
        _ => "usage",
    };
}
