using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Vigil.Core.Model;
using Vigil.Server.Auth;
using Vigil.Server.Scanning;
using Vigil.Server.Storage;

namespace Vigil.Server.Distribution;

/// <summary>
/// The OCI distribution API under /v2/. Repository names hold slashes, so one catch-all route parses the path here
/// the way the spec's endpoint table writes it; each handler authorizes before it reads or writes anything.
/// </summary>
public sealed partial class DistributionApi(RegistryStore store, UploadStore uploads, Authenticator auth, ScanQueue scans, ServeOptions options)
{
    [GeneratedRegex("^(?<name>.+)/(?<kind>manifests|blobs|referrers)/(?<ref>[^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemRoute();

    [GeneratedRegex("^(?<name>.+)/blobs/uploads/?$", RegexOptions.CultureInvariant)]
    private static partial Regex UploadsRoute();

    [GeneratedRegex("^(?<name>.+)/blobs/uploads/(?<id>[^/]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex UploadRoute();

    [GeneratedRegex("^(?<name>.+)/tags/list$", RegexOptions.CultureInvariant)]
    private static partial Regex TagsRoute();

    public async Task HandleAsync(HttpContext ctx)
    {
        ctx.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        var path = (ctx.Request.Path.Value ?? "/v2/")["/v2".Length..].TrimStart('/');
        var method = ctx.Request.Method;
        if (path.Length == 0)
        {
            await BaseAsync(ctx).ConfigureAwait(false);
            return;
        }
        if (path is "_catalog")
        {
            if (!HttpMethods.IsGet(method)) { await MethodNotAllowedAsync(ctx).ConfigureAwait(false); return; }
            await CatalogAsync(ctx).ConfigureAwait(false);
            return;
        }
        Match m;
        if ((m = UploadRoute().Match(path)).Success)
        {
            var name = m.Groups["name"].Value;
            if (!await CheckNameAsync(ctx, name).ConfigureAwait(false)) return;
            var id = m.Groups["id"].Value;
            switch (method)
            {
                case "PATCH": await PatchUploadAsync(ctx, name, id).ConfigureAwait(false); return;
                case "PUT": await PutUploadAsync(ctx, name, id).ConfigureAwait(false); return;
                case "GET": await UploadStatusAsync(ctx, name, id).ConfigureAwait(false); return;
                case "DELETE": await CancelUploadAsync(ctx, name, id).ConfigureAwait(false); return;
            }
            await MethodNotAllowedAsync(ctx).ConfigureAwait(false);
            return;
        }
        if ((m = UploadsRoute().Match(path)).Success)
        {
            var name = m.Groups["name"].Value;
            if (!await CheckNameAsync(ctx, name).ConfigureAwait(false)) return;
            if (HttpMethods.IsPost(method)) await StartUploadAsync(ctx, name).ConfigureAwait(false);
            else await MethodNotAllowedAsync(ctx).ConfigureAwait(false);
            return;
        }
        if ((m = TagsRoute().Match(path)).Success)
        {
            var name = m.Groups["name"].Value;
            if (!await CheckNameAsync(ctx, name).ConfigureAwait(false)) return;
            if (HttpMethods.IsGet(method)) await ListTagsAsync(ctx, name).ConfigureAwait(false);
            else await MethodNotAllowedAsync(ctx).ConfigureAwait(false);
            return;
        }
        if ((m = ItemRoute().Match(path)).Success)
        {
            var name = m.Groups["name"].Value;
            if (!await CheckNameAsync(ctx, name).ConfigureAwait(false)) return;
            var reference = m.Groups["ref"].Value;
            switch (m.Groups["kind"].Value, method)
            {
                case ("manifests", "GET" or "HEAD"): await GetManifestAsync(ctx, name, reference).ConfigureAwait(false); return;
                case ("manifests", "PUT"): await PutManifestAsync(ctx, name, reference).ConfigureAwait(false); return;
                case ("manifests", "DELETE"): await DeleteManifestAsync(ctx, name, reference).ConfigureAwait(false); return;
                case ("blobs", "GET" or "HEAD"): await GetBlobAsync(ctx, name, reference).ConfigureAwait(false); return;
                case ("blobs", "DELETE"): await DeleteBlobAsync(ctx, name, reference).ConfigureAwait(false); return;
                case ("referrers", "GET"): await ReferrersAsync(ctx, name, reference).ConfigureAwait(false); return;
            }
            await MethodNotAllowedAsync(ctx).ConfigureAwait(false);
            return;
        }
        await OciResults.ErrorAsync(ctx, 404, OciCodes.Unsupported, $"no such endpoint: {method} /v2/{path}").ConfigureAwait(false);
    }

    private async Task BaseAsync(HttpContext ctx)
    {
        var caller = await auth.AuthenticateAsync(ctx).ConfigureAwait(false);
        if (caller is null)
        {
            auth.Challenge(ctx, null);
            await OciResults.ErrorAsync(ctx, 401, OciCodes.Unauthorized, "authentication required").ConfigureAwait(false);
            return;
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync("{}", ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Authorizes an action; on refusal writes the 401 (with a challenge naming the scope) or 403 and returns false.</summary>
    private async Task<bool> AuthorizeAsync(HttpContext ctx, string repository, RepoAction action)
    {
        var caller = await auth.AuthenticateAsync(ctx).ConfigureAwait(false);
        var decision = await auth.DecideAsync(caller, repository, action, ctx.RequestAborted).ConfigureAwait(false);
        switch (decision)
        {
            case Decision.Allowed:
                return true;
            case Decision.Unauthenticated:
                var scope = $"repository:{repository}:{(action == RepoAction.Pull ? "pull" : "pull,push")}";
                auth.Challenge(ctx, scope, insufficientScope: caller is not null);
                await OciResults.ErrorAsync(ctx, 401, OciCodes.Unauthorized,
                    caller is null ? "authentication required" : $"the token does not carry {action.ScopeWord()} on {repository}").ConfigureAwait(false);
                return false;
            default:
                await OciResults.ErrorAsync(ctx, 403, OciCodes.Denied, $"no grant allows {action.ToString().ToLowerInvariant()} on {repository}").ConfigureAwait(false);
                return false;
        }
    }

    private static async Task<bool> CheckNameAsync(HttpContext ctx, string name)
    {
        if (RepositoryName.IsValid(name)) return true;
        await OciResults.ErrorAsync(ctx, 400, OciCodes.NameInvalid, $"'{name}' is not a valid repository name: Vigil needs NAMESPACE/REPOSITORY in lower case").ConfigureAwait(false);
        return false;
    }

    private static Task MethodNotAllowedAsync(HttpContext ctx) =>
        OciResults.ErrorAsync(ctx, 405, OciCodes.Unsupported, $"{ctx.Request.Method} is not supported here");

    private static bool TryDigest(string text, out Digest digest) => Digest.TryParse(text, out digest);

    private static string BlobLocation(string name, Digest d) => $"/v2/{name}/blobs/{d}";
}
