using System.Text;
using Microsoft.AspNetCore.Http;
using Vigil.Server.Storage;

namespace Vigil.Server.Auth;

/// <summary>
/// Turns a request's Authorization header into a <see cref="Caller"/> and decides repository actions.
/// Accepted: Basic user:password, Basic user:access-token, Bearer access-token, Bearer registry-token (from /auth/token).
/// Grants are read live on every decision, so a removed grant or a revoked access token takes effect at once,
/// even for registry tokens already issued.
/// </summary>
public sealed class Authenticator(UserStore users, TokenIssuer issuer, RegistryStore store, ServeOptions options)
{
    private const string CallerKey = "vigil.caller";
    private const string InvalidKey = "vigil.invalid-credentials";

    /// <summary>The caller, or null for anonymous and for bad credentials (then <see cref="HadBadCredentials"/> is true).</summary>
    public async Task<Caller?> AuthenticateAsync(HttpContext ctx)
    {
        if (ctx.Items.TryGetValue(CallerKey, out var cached)) return cached as Caller;
        var caller = await ResolveAsync(ctx.Request.Headers.Authorization.ToString(), ctx.RequestAborted).ConfigureAwait(false);
        ctx.Items[CallerKey] = caller;
        if (caller is null && !string.IsNullOrEmpty(ctx.Request.Headers.Authorization.ToString())) ctx.Items[InvalidKey] = true;
        return caller;
    }

    public static bool HadBadCredentials(HttpContext ctx) => ctx.Items.ContainsKey(InvalidKey);

    /// <summary>Checks a user name and a password or access token (Basic, and the token endpoint).</summary>
    public async Task<(string User, string? AccessTokenId)?> CheckCredentialsAsync(string user, string secret, CancellationToken cancellationToken)
    {
        if (secret.StartsWith(UserStore.TokenPrefix, StringComparison.Ordinal))
        {
            var t = await users.FindLiveTokenAsync(secret, cancellationToken).ConfigureAwait(false);
            return t is not null && t.User == user ? (t.User, t.Id) : null;
        }
        return await users.VerifyPasswordAsync(user, secret, cancellationToken).ConfigureAwait(false) ? (user, null) : null;
    }

    private async Task<Caller?> ResolveAsync(string header, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(header)) return null;
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDecodeBasic(header[6..].Trim(), out var user, out var secret)) return null;
            var ok = await CheckCredentialsAsync(user, secret, cancellationToken).ConfigureAwait(false);
            return ok is null ? null : new Caller(user, await users.IsAdminAsync(user, cancellationToken).ConfigureAwait(false), null);
        }
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            if (token.StartsWith(UserStore.TokenPrefix, StringComparison.Ordinal))
            {
                var t = await users.FindLiveTokenAsync(token, cancellationToken).ConfigureAwait(false);
                return t is null ? null : new Caller(t.User, await users.IsAdminAsync(t.User, cancellationToken).ConfigureAwait(false), null);
            }
            var claims = await issuer.ValidateAsync(token).ConfigureAwait(false);
            if (claims is null) return null;
            if (claims.AccessTokenId is not null && !await users.IsTokenLiveAsync(claims.AccessTokenId, cancellationToken).ConfigureAwait(false)) return null;
            if (claims.Subject == AnonymousSubject) return new Caller(AnonymousSubject, false, claims.Access);
            if (!await users.UserExistsAsync(claims.Subject, cancellationToken).ConfigureAwait(false)) return null;
            return new Caller(claims.Subject, await users.IsAdminAsync(claims.Subject, cancellationToken).ConfigureAwait(false), claims.Access);
        }
        return null;
    }

    /// <summary>The subject of registry tokens issued to anonymous clients (for repositories that allow anonymous pull).</summary>
    public const string AnonymousSubject = "";

    public async Task<Decision> DecideAsync(Caller? caller, string repository, RepoAction action, CancellationToken cancellationToken)
    {
        if (action == RepoAction.Pull)
        {
            var settings = await store.GetRepositoryAsync(repository, cancellationToken).ConfigureAwait(false);
            if (settings?.AnonymousPull == true) return Decision.Allowed;
        }
        if (caller is null || caller.User == AnonymousSubject) return Decision.Unauthenticated;
        if (!caller.ScopeAllows(repository, action.ScopeWord())) return Decision.Unauthenticated;
        var level = await users.LevelAsync(caller.User, repository, cancellationToken).ConfigureAwait(false);
        return level >= action.Required() ? Decision.Allowed : Decision.Forbidden;
    }

    /// <summary>The actions of <paramref name="requested"/> the user may have on <paramref name="repository"/> (token issuing).</summary>
    public async Task<IReadOnlyList<string>> GrantableAsync(string? user, string repository, IReadOnlyList<string> requested, CancellationToken cancellationToken)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        if (user is not null) allowed.UnionWith(RepoActions.Words(await users.LevelAsync(user, repository, cancellationToken).ConfigureAwait(false)));
        if (!allowed.Contains("pull") && (await store.GetRepositoryAsync(repository, cancellationToken).ConfigureAwait(false))?.AnonymousPull == true) allowed.Add("pull");
        return requested.Where(allowed.Contains).Distinct().ToList();
    }

    /// <summary>The Bearer challenge that sends Docker clients to /auth/token.</summary>
    public void Challenge(HttpContext ctx, string? scope, bool insufficientScope = false)
    {
        var realm = $"{PublicBase(ctx)}/auth/token";
        var sb = new StringBuilder($"Bearer realm=\"{realm}\",service=\"{TokenIssuer.Service}\"");
        if (scope is not null) sb.Append($",scope=\"{scope}\"");
        if (insufficientScope) sb.Append(",error=\"insufficient_scope\"");
        ctx.Response.Headers.WWWAuthenticate = sb.ToString();
    }

    public string PublicBase(HttpContext ctx) => options.PublicUrl?.TrimEnd('/') ?? $"{ctx.Request.Scheme}://{ctx.Request.Host}";

    public static bool TryDecodeBasic(string encoded, out string user, out string secret)
    {
        user = secret = "";
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) return false;
            user = text[..colon];
            secret = text[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
