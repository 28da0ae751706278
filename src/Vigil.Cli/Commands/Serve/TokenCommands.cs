using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using Vigil.Cli.Infrastructure;
using Vigil.Core;
using Vigil.Server;

namespace Vigil.Cli.Commands.Serve;

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
            throw new VigilException(ErrorKind.NotFound, $"no token {settings.TokenId}", "list tokens with 'vigil serve token list'");
        Terminal.Stderr.MarkupLine($"token {Markup.Escape(settings.TokenId)} revoked");
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
