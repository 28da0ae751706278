using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vigil.Server.Api;
using Vigil.Server.Distribution;

namespace Vigil.Server.Auth;

/// <summary>Docker's token endpoint: GET /auth/token?service=…&amp;scope=repository:NS/REPO:pull,push (and the OAuth2 POST form).</summary>
public sealed class TokenEndpoint(Authenticator auth, TokenIssuer issuer, ServeOptions options)
{
    public async Task HandleAsync(HttpContext ctx)
    {
        var ct = ctx.RequestAborted;
        string? user = null;
        string? patId = null;
        List<string> scopes = [.. ctx.Request.Query["scope"].Where(s => s is not null).SelectMany(s => s!.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.HasFormContentType)
        {
            var form = await ctx.Request.ReadFormAsync(ct).ConfigureAwait(false);
            if (form["grant_type"] == "password")
            {
                var ok = await auth.CheckCredentialsAsync(form["username"].ToString(), form["password"].ToString(), ct).ConfigureAwait(false);
                if (ok is null)
                {
                    await DenyAsync(ctx).ConfigureAwait(false);
                    return;
                }
                (user, patId) = ok.Value;
            }
            else if (form["grant_type"].Count > 0)
            {
                await OciResults.ErrorAsync(ctx, 400, OciCodes.Unsupported, "only grant_type=password is supported").ConfigureAwait(false);
                return;
            }
            scopes.AddRange(form["scope"].Where(s => s is not null).SelectMany(s => s!.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }
        var header = ctx.Request.Headers.Authorization.ToString();
        if (user is null && !string.IsNullOrEmpty(header))
        {
            if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                || !Authenticator.TryDecodeBasic(header[6..].Trim(), out var name, out var secret))
            {
                await DenyAsync(ctx).ConfigureAwait(false);
                return;
            }
            var ok = await auth.CheckCredentialsAsync(name, secret, ct).ConfigureAwait(false);
            if (ok is null)
            {
                await DenyAsync(ctx).ConfigureAwait(false);
                return;
            }
            (user, patId) = ok.Value;
        }

        var access = new List<TokenAccess>();
        foreach (var scope in scopes)
        {
            // repository:NS/REPO:pull,push; the name may not hold ':' but a registry host in it could, so split at both ends.
            var first = scope.IndexOf(':', StringComparison.Ordinal);
            var last = scope.LastIndexOf(':');
            if (first <= 0 || last <= first) continue;
            var type = scope[..first];
            var name = scope[(first + 1)..last];
            var actions = scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (type != "repository" || !RepositoryName.IsValid(name)) continue;
            var granted = await auth.GrantableAsync(user, name, actions, ct).ConfigureAwait(false);
            access.Add(new TokenAccess(type, name, granted));
        }
        var now = DateTimeOffset.UtcNow;
        var lifetime = options.EffectiveTokenLifetime;
        var token = issuer.Issue(user ?? Authenticator.AnonymousSubject, access, patId, now, lifetime);
        var body = new TokenResponse(token, token, (int)lifetime.TotalSeconds, now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, body, ApiJsonContext.Default.TokenResponse, ct).ConfigureAwait(false);
    }

    private static Task DenyAsync(HttpContext ctx)
    {
        ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"vigil\"";
        return OciResults.ErrorAsync(ctx, 401, OciCodes.Unauthorized, "authentication required: the user name, password or access token is wrong");
    }
}
