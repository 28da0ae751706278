using System.Globalization;
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
        if (eq <= 0 || ServeLevels.Parse(grant[(eq + 1)..]) is not { } level || level == AccessLevel.None)
            throw new VigilException(ErrorKind.Usage, $"--grant '{grant}' is not SCOPE=LEVEL", "e.g. --grant team=read or --grant team/app=write (levels: read, write, admin)");
        return (grant[..eq], level);
    }
}

/// <summary>The access levels as the CLI spells them.</summary>
internal static class ServeLevels
{
    public static AccessLevel? Parse(string text) =>
        text.ToLowerInvariant() switch
        {
            "none" => AccessLevel.None,
            "read" => AccessLevel.Read,
            "write" => AccessLevel.Write,
            "admin" => AccessLevel.Admin,
            _ => null,
        };
}

public sealed class UserGrantCommand : AsyncCommand<UserGrantSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UserGrantSettings settings, CancellationToken cancellationToken)
    {
        var level = ServeLevels.Parse(settings.Level)
            ?? throw new VigilException(ErrorKind.Usage, $"'{settings.Level}' is not an access level", "use read, write, admin, or none to remove the grant");
        await new ServerAdmin(settings.Data).GrantAsync(settings.Name, settings.Scope, level, cancellationToken);
        Terminal.Stderr.MarkupLine(level == AccessLevel.None
            ? $"{Markup.Escape(settings.Name)} no longer has a grant on {Markup.Escape(settings.Scope)}"
            : $"{Markup.Escape(settings.Name)} has {level.ToString().ToLowerInvariant()} on {Markup.Escape(settings.Scope)}");
        return 0;
    }
}

/// <summary>Prints a user's grants, one "SCOPE<TAB>LEVEL" line each, for scripts.</summary>
public sealed class UserGrantsCommand : AsyncCommand<UserNameSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UserNameSettings settings, CancellationToken cancellationToken)
    {
        foreach (var g in await new ServerAdmin(settings.Data).ListGrantsAsync(settings.Name, cancellationToken))
            Console.Out.WriteLine($"{g.Scope}\t{g.Level.ToString().ToLowerInvariant()}");
        return 0;
    }
}

public sealed class UserRemoveCommand : AsyncCommand<UserNameSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UserNameSettings settings, CancellationToken cancellationToken)
    {
        if (!await new ServerAdmin(settings.Data).RemoveUserAsync(settings.Name, cancellationToken))
            throw new VigilException(ErrorKind.NotFound, $"no user {settings.Name}", "check the name; users are added with 'vigil serve user add'");
        Terminal.Stderr.MarkupLine($"user {Markup.Escape(settings.Name)} removed");
        return 0;
    }
}

/// <summary>Prints tokens as "ID<TAB>USER<TAB>NAME<TAB>CREATED<TAB>EXPIRES<TAB>STATE" lines (never their secrets).</summary>
public sealed class TokenListCommand : AsyncCommand<TokenListSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TokenListSettings settings, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var t in await new ServerAdmin(settings.Data).ListTokensAsync(settings.User, cancellationToken))
        {
            var state = t.RevokedAt is not null ? "revoked" : t.ExpiresAt <= now ? "expired" : "active";
            Console.Out.WriteLine(string.Join('\t', t.Id, t.User, t.Name, t.CreatedAt.ToString("u", CultureInfo.InvariantCulture), t.ExpiresAt.ToString("u", CultureInfo.InvariantCulture), state));
        }
        return 0;
    }
}

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
