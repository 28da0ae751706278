using Spectre.Console;
using Spectre.Console.Cli;
using Vigil.Cli.Infrastructure;
using Vigil.Core;
using Vigil.Server;

namespace Vigil.Cli.Commands.Serve;

/// <summary>Changes what is given and keeps the rest of a repository's settings.</summary>
public sealed class RepoSetCommand : AsyncCommand<RepoSetSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RepoSetSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ScanOnPush is null && settings.AnonymousPull is null)
            throw new VigilException(ErrorKind.Usage, "nothing to set", "give --scan-on-push true|false and/or --anonymous-pull true|false");
        var admin = new ServerAdmin(settings.Data);
        var current = await admin.GetRepositoryAsync(settings.Repository, cancellationToken);
        var scanOnPush = settings.ScanOnPush ?? current.ScanOnPush;
        var anonymousPull = settings.AnonymousPull ?? current.AnonymousPull;
        await admin.SetRepositoryAsync(settings.Repository, scanOnPush, anonymousPull, cancellationToken);
        Terminal.Stderr.MarkupLine($"{Markup.Escape(settings.Repository)}: scan on push {(scanOnPush ? "on" : "off")}, anonymous pull {(anonymousPull ? "on" : "off")}");
        return 0;
    }
}
