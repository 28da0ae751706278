using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vigil.Core.Model;
using Vigil.Server.Auth;

namespace Vigil.Server.Distribution;

public sealed partial class DistributionApi
{
    private const int MaxPage = 10_000;

    private async Task ListTagsAsync(HttpContext ctx, string name)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Pull).ConfigureAwait(false)) return;
        var ct = ctx.RequestAborted;
        if (!await store.RepositoryExistsAsync(name, ct).ConfigureAwait(false))
        {
            await OciResults.ErrorAsync(ctx, 404, OciCodes.NameUnknown, $"repository {name} is not known").ConfigureAwait(false);
            return;
        }
        if (!TryPage(ctx, out var n, out var last))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.Unsupported, "n must be a non-negative integer").ConfigureAwait(false);
            return;
        }
        var tags = n == 0 ? [] : await store.ListTagsAsync(name, last, n + 1, ct).ConfigureAwait(false);
        var page = tags.Take(n).ToList();
        if (tags.Count > n) ctx.Response.Headers.Link = $"</v2/{name}/tags/list?n={n}&last={Uri.EscapeDataString(page[^1])}>; rel=\"next\"";
        await OciResults.JsonAsync(ctx, 200, new TagList(name, page), ServerJsonContext.Default.TagList).ConfigureAwait(false);
    }

    private async Task CatalogAsync(HttpContext ctx)
    {
        var caller = await auth.AuthenticateAsync(ctx).ConfigureAwait(false);
        if (caller is null || caller.User == Authenticator.AnonymousSubject)
        {
            auth.Challenge(ctx, "registry:catalog:*");
            await OciResults.ErrorAsync(ctx, 401, OciCodes.Unauthorized, "authentication required").ConfigureAwait(false);
            return;
        }
        if (!TryPage(ctx, out var n, out var last))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.Unsupported, "n must be a non-negative integer").ConfigureAwait(false);
            return;
        }
        var ct = ctx.RequestAborted;
        var visible = new List<string>();
        if (n > 0)
        {
            // Only what the caller may pull is listed; names alone would already tell too much.
            foreach (var repo in await store.ListRepositoriesAsync(last, ct).ConfigureAwait(false))
            {
                var decision = await auth.DecideAsync(caller with { Scopes = null }, repo, RepoAction.Pull, ct).ConfigureAwait(false);
                if (decision != Decision.Allowed) continue;
                visible.Add(repo);
                if (visible.Count > n) break;
            }
        }
        var page = visible.Take(n).ToList();
        if (visible.Count > n) ctx.Response.Headers.Link = $"</v2/_catalog?n={n}&last={Uri.EscapeDataString(page[^1])}>; rel=\"next\"";
        await OciResults.JsonAsync(ctx, 200, new CatalogList(page), ServerJsonContext.Default.CatalogList).ConfigureAwait(false);
    }

    private async Task ReferrersAsync(HttpContext ctx, string name, string reference)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Pull).ConfigureAwait(false)) return;
        if (!Digest.TryParse(reference, out var subject))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.DigestInvalid, $"'{reference}' is not a digest").ConfigureAwait(false);
            return;
        }
        var filter = ctx.Request.Query["artifactType"].ToString();
        var list = new List<OciDescriptor>();
        foreach (var m in await store.ListReferrersAsync(name, subject, ctx.RequestAborted).ConfigureAwait(false))
        {
            if (filter.Length > 0 && m.ArtifactType != filter) continue;
            var annotations = m.AnnotationsJson is null ? null : ReadAnnotations(m.AnnotationsJson);
            list.Add(new OciDescriptor(m.MediaType, m.Digest.ToString(), m.Size, m.ArtifactType, annotations));
        }
        if (filter.Length > 0) ctx.Response.Headers["OCI-Filters-Applied"] = "artifactType";
        await OciResults.JsonAsync(ctx, 200, new ReferrersIndex(2, MediaTypes.OciIndex, list), ServerJsonContext.Default.ReferrersIndex, MediaTypes.OciIndex).ConfigureAwait(false);
    }

    private static Dictionary<string, string>? ReadAnnotations(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String) d[p.Name] = p.Value.GetString()!;
        }
        return d;
    }

    private static bool TryPage(HttpContext ctx, out int n, out string? last)
    {
        last = ctx.Request.Query["last"].ToString();
        if (last.Length == 0) last = null;
        n = MaxPage;
        var text = ctx.Request.Query["n"].ToString();
        if (text.Length == 0) return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n)) return false;
        n = Math.Min(n, MaxPage);
        return true;
    }
}
