using Spectre.Console;
using Spectre.Console.Cli;
using Vigil.Cli.Infrastructure;
using Vigil.Core;
using Vigil.Server;

namespace Vigil.Cli.Commands.Serve;

/// <summary>`vigil serve`: the scanning registry, until Ctrl-C or SIGTERM.</summary>
public sealed class ServeCommand : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        if (!(settings.UploadExpiryHours > 0))
            throw new VigilException(ErrorKind.Usage, $"--upload-expiry {settings.UploadExpiryHours} is not a positive number of hours", "for example --upload-expiry 24");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        Terminal.Stderr.MarkupLine($"vigil serve: data in [bold]{Markup.Escape(Path.GetFullPath(settings.Data))}[/], listening on {Markup.Escape(settings.Listen)}");
        try
        {
            await VigilServer.RunAsync(new ServeOptions(settings.Data, settings.Listen, settings.Db, settings.Workers, PublicUrl: settings.PublicUrl,
                UploadExpiry: TimeSpan.FromHours(settings.UploadExpiryHours)), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return 0;
    }
}
