using Spectre.Console;
using Spectre.Console.Cli;
using Vigil.Cli.Infrastructure;
using Vigil.Core;
using Vigil.Server;
using Vigil.Server.Auth;

namespace Vigil.Cli.Commands.Serve;

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
