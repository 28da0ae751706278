using Spectre.Console;
using Spectre.Console.Cli;
using Vigil.Cli.Infrastructure;
using Vigil.Core;
using Vigil.Server;
using Vigil.Server.Auth;

namespace Vigil.Cli.Commands.Serve;

/// <summary>`vigil serve`: the scanning registry, until Ctrl-C or SIGTERM.</summary>
public sealed class ServeCommand : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        Terminal.Stderr.MarkupLine($"vigil serve: data in [bold]{Markup.Escape(Path.GetFullPath(settings.Data))}[/], listening on {Markup.Escape(settings.Listen)}");
        try
        {
            await VigilServer.RunAsync(new ServeOptions(settings.Data, settings.Listen, settings.Db, settings.Workers, PublicUrl: settings.PublicUrl), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return 0;
    }
}

public sealed class UserAddCommand : AsyncCommand<UserAddSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UserAddSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.PasswordStdin)
            throw new VigilException(ErrorKind.Usage, "a password is needed", "pipe it in: echo \"$PASSWORD\" | vigil serve user add NAME --password-stdin");
        var password = (await Console.In.ReadToEndAsync(cancellationToken)).TrimEnd('\n', '\r');
        if (password.Length == 0) throw new VigilException(ErrorKind.Usage, "the password read from stdin is empty", "pipe a non-empty password");
        // Every grant is read before anything is written, so a typo leaves no half-made user behind.
        var grants = settings.Grants.Select(ParseGrant).ToList();
        var admin = new ServerAdmin(settings.Data);
        await admin.AddUserAsync(settings.Name, password, settings.Admin, cancellationToken);
        foreach (var (scope, level) in grants) await admin.GrantAsync(settings.Name, scope, level, cancellationToken);
        Terminal.Stderr.MarkupLine($"user {Markup.Escape(settings.Name)} added");
        return 0;
    }

    private static (string Scope, AccessLevel Level) ParseGrant(string grant)
    {
        var eq = grant.LastIndexOf('=');
        if (eq <= 0 || !Enum.TryParse<AccessLevel>(grant[(eq + 1)..], ignoreCase: true, out var level) || level == AccessLevel.None)
            throw new VigilException(ErrorKind.Usage, $"--grant '{grant}' is not SCOPE=LEVEL", "e.g. --grant team=read or --grant team/app=write (levels: read, write, admin)");
        return (grant[..eq], level);
    }
}

public sealed class TokenCreateCommand : AsyncCommand<TokenCreateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TokenCreateSettings settings, CancellationToken cancellationToken)
    {
        var created = await new ServerAdmin(settings.Data).CreateTokenAsync(settings.User, settings.Name, TimeSpan.FromDays(settings.ExpiresInDays), cancellationToken);
        // The secret goes to stdout alone so scripts can capture it; the id (for revoking) to stderr.
        Console.Out.WriteLine(created.Secret);
        Terminal.Stderr.MarkupLine($"token {Markup.Escape(created.Info.Id)} for {Markup.Escape(created.Info.User)}, expires {created.Info.ExpiresAt:u}");
        return 0;
    }
}

public sealed class TokenRevokeCommand : AsyncCommand<TokenRevokeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TokenRevokeSettings settings, CancellationToken cancellationToken)
    {
        if (!await new ServerAdmin(settings.Data).RevokeTokenAsync(settings.TokenId, cancellationToken))
            throw new VigilException(ErrorKind.NotFound, $"no token {settings.TokenId}", "list tokens with the server's admin API or create a new one");
        Terminal.Stderr.MarkupLine($"token {Markup.Escape(settings.TokenId)} revoked");
        return 0;
    }
}
