using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Server.Auth;
using Vigil.Server.Distribution;
using Vigil.Server.Scanning;
using Vigil.Server.Storage;

namespace Vigil.Server.Api;

/// <summary>
/// The scan API (/api/v0/repositories/…) and DTR's image scan routes (/api/v0/imagescan/…), plus admin routes.
/// Errors use the distribution spec's body so every client parses one shape.
/// </summary>
public sealed class ScanApi(RegistryStore store, ScanStore scans, ScanQueue queue, IScanEngine engine, Authenticator auth, ServeOptions options, DataDirectory data)
{
    private const long MaxRequestJson = 64 * 1024;

    public async Task ScanTagAsync(HttpContext ctx)
    {
        var (repo, tag) = Target(ctx);
        if (!await AuthorizeAsync(ctx, repo, RepoAction.Scan).ConfigureAwait(false)) return;
        var body = await ReadJsonAsync(ctx).ConfigureAwait(false);
        if (body.Failed) return;
        Platform platform = Platform.Default;
        if (body.Request?.Platform is { } text && !Platform.TryParse(text, out platform!))
        {
            await OciResults.ErrorAsync(ctx, 400, "INVALID_REQUEST", $"'{text}' is not a platform: expected os/arch[/variant]").ConfigureAwait(false);
            return;
        }
        await EnqueueAsync(ctx, repo, tag, platform).ConfigureAwait(false);
    }

    public async Task ScanResultsAsync(HttpContext ctx)
    {
        var (repo, tag) = Target(ctx);
        if (!await AuthorizeAsync(ctx, repo, RepoAction.Pull).ConfigureAwait(false)) return;
        var platformText = ctx.Request.Query["platform"].ToString();
        Platform? platform = null;
        if (platformText.Length > 0 && !Platform.TryParse(platformText, out platform))
        {
            await OciResults.ErrorAsync(ctx, 400, "INVALID_REQUEST", $"'{platformText}' is not a platform").ConfigureAwait(false);
            return;
        }
        var scan = await LatestAsync(ctx, repo, tag, platform).ConfigureAwait(false);
        if (scan is null) return;
        await WriteAsync(ctx, 200, ScanReportBuilder.Build(scan), ApiJsonContext.Default.ScanReport).ConfigureAwait(false);
    }

    public async Task ScanByIdAsync(HttpContext ctx)
    {
        if (!long.TryParse(ctx.Request.RouteValues["id"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            await OciResults.ErrorAsync(ctx, 400, "INVALID_REQUEST", "a scan id is a number").ConfigureAwait(false);
            return;
        }
        var scan = await scans.GetAsync(id, ctx.RequestAborted).ConfigureAwait(false);
        // Unknown ids and ids of repositories the caller cannot read answer alike, so ids reveal nothing.
        var caller = await auth.AuthenticateAsync(ctx).ConfigureAwait(false);
        if (caller is null)
        {
            await UnauthenticatedAsync(ctx, null).ConfigureAwait(false);
            return;
        }
        if (scan is null || await auth.DecideAsync(caller, scan.Repository, RepoAction.Pull, ctx.RequestAborted).ConfigureAwait(false) != Decision.Allowed)
        {
            await OciResults.ErrorAsync(ctx, 404, "SCAN_UNKNOWN", $"no scan {id}").ConfigureAwait(false);
            return;
        }
        await WriteAsync(ctx, 200, ScanReportBuilder.Build(scan), ApiJsonContext.Default.ScanReport).ConfigureAwait(false);
    }

    public async Task DtrScanAsync(HttpContext ctx)
    {
        var (repo, tag) = Target(ctx);
        if (!await AuthorizeAsync(ctx, repo, RepoAction.Scan).ConfigureAwait(false)) return;
        var os = ctx.Request.RouteValues["os"] as string ?? "";
        var arch = ctx.Request.RouteValues["arch"] as string ?? "";
        if (!Platform.TryParse($"{os}/{arch}", out var platform))
        {
            await OciResults.ErrorAsync(ctx, 400, "INVALID_REQUEST", $"'{os}/{arch}' is not a platform").ConfigureAwait(false);
            return;
        }
        await EnqueueAsync(ctx, repo, tag, platform).ConfigureAwait(false);
    }

    public async Task DtrSummaryAsync(HttpContext ctx)
    {
        var (repo, tag) = Target(ctx);
        if (!await AuthorizeAsync(ctx, repo, RepoAction.Pull).ConfigureAwait(false)) return;
        var detailed = ctx.Request.Query["detailed"].ToString() is "true" or "1";
        var scan = await LatestAsync(ctx, repo, tag, null).ConfigureAwait(false);
        if (scan is null) return;
        var ns = (string)ctx.Request.RouteValues["namespace"]!;
        var name = (string)ctx.Request.RouteValues["repo"]!;
        await WriteAsync(ctx, 200, new List<DtrScanSummary> { ScanReportBuilder.Dtr(scan, ns, name, tag, detailed) }, ApiJsonContext.Default.ListDtrScanSummary).ConfigureAwait(false);
    }

    public async Task StatusAsync(HttpContext ctx)
    {
        var caller = await auth.AuthenticateAsync(ctx).ConfigureAwait(false);
        if (caller is null || caller.User == Authenticator.AnonymousSubject)
        {
            await UnauthenticatedAsync(ctx, null).ConfigureAwait(false);
            return;
        }
        var ct = ctx.RequestAborted;
        DatabaseInfo? db = null;
        string? dbError = null;
        try
        {
            db = await engine.GetDatabaseAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is VigilException or NotImplementedException or IOException)
        {
            dbError = e.Message;
        }
        var counts = await scans.CountsAsync(ct).ConfigureAwait(false);
        var state = db is null ? "no-database" : counts["queued"] + counts["scanning"] > 0 ? "scanning" : "idle";
        await WriteAsync(ctx, 200, new DtrScanStatus(true, state, db is null ? null : DatabaseVersion.Of(db), db?.BuiltAt,
            dbError is not null, dbError ?? queue.LastDatabaseError, options.ScanWorkers, counts), ApiJsonContext.Default.DtrScanStatus).ConfigureAwait(false);
    }

    public async Task RepositorySettingsAsync(HttpContext ctx)
    {
        var repo = $"{ctx.Request.RouteValues["namespace"]}/{ctx.Request.RouteValues["repo"]}";
        var ct = ctx.RequestAborted;
        if (HttpMethods.IsGet(ctx.Request.Method))
        {
            if (!await AuthorizeAsync(ctx, repo, RepoAction.Pull).ConfigureAwait(false)) return;
        }
        else if (!await AuthorizeAsync(ctx, repo, RepoAction.Delete).ConfigureAwait(false))
        {
            return;
        }
        var current = await store.GetRepositoryAsync(repo, ct).ConfigureAwait(false) ?? new RepositorySettings(repo, true, false);
        if (!HttpMethods.IsGet(ctx.Request.Method))
        {
            var body = await ReadJsonAsync(ctx, ApiJsonContext.Default.RepositorySettingsBody).ConfigureAwait(false);
            if (body.Failed) return;
            if (body.Value is null)
            {
                await OciResults.ErrorAsync(ctx, 400, "INVALID_REQUEST", "send {\"scan_on_push\": bool, \"anonymous_pull\": bool}").ConfigureAwait(false);
                return;
            }
            current = current with { ScanOnPush = body.Value.ScanOnPush ?? current.ScanOnPush, AnonymousPull = body.Value.AnonymousPull ?? current.AnonymousPull };
            await store.SetRepositoryAsync(current, ct).ConfigureAwait(false);
        }
        await WriteAsync(ctx, 200, new RepositorySettingsView(repo, current.ScanOnPush, current.AnonymousPull), ApiJsonContext.Default.RepositorySettingsView).ConfigureAwait(false);
    }

    /// <summary>POST /api/v0/db/import: the body is an advisory file (any format the importers recognise by content). Admins only.</summary>
    public async Task ImportDatabaseAsync(HttpContext ctx)
    {
        var caller = await auth.AuthenticateAsync(ctx).ConfigureAwait(false);
        if (caller is null || caller.User == Authenticator.AnonymousSubject)
        {
            await UnauthenticatedAsync(ctx, null).ConfigureAwait(false);
            return;
        }
        if (!caller.IsAdmin || caller.Scopes is not null)
        {
            await OciResults.ErrorAsync(ctx, 403, OciCodes.Denied, "importing into the database needs an administrator's password or access token").ConfigureAwait(false);
            return;
        }
        var ct = ctx.RequestAborted;
        var file = Path.Combine(data.TempRoot, $"import-{Guid.NewGuid():N}");
        try
        {
            await using (var fs = File.Create(file))
            {
                await ctx.Request.Body.CopyToAsync(fs, ct).ConfigureAwait(false);
            }
            DatabaseInfo info;
            try
            {
                info = await engine.ImportAsync(file, ct).ConfigureAwait(false);
            }
            catch (VigilException e) when (e.Kind is ErrorKind.InvalidInput or ErrorKind.Unsupported or ErrorKind.Integrity)
            {
                await OciResults.ErrorAsync(ctx, e.Kind == ErrorKind.Unsupported ? 501 : 400, "INVALID_REQUEST", e.Message, e.Hint).ConfigureAwait(false);
                return;
            }
            catch (NotImplementedException e)
            {
                await OciResults.ErrorAsync(ctx, 501, OciCodes.Unsupported, e.Message).ConfigureAwait(false);
                return;
            }
            var rematched = await queue.RematchAsync(ct).ConfigureAwait(false);
            await WriteAsync(ctx, 200, new DbImportResult(ScanReportBuilder.Database(info), rematched), ApiJsonContext.Default.DbImportResult).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task EnqueueAsync(HttpContext ctx, string repo, string tag, Platform platform)
    {
        var m = await store.GetManifestAsync(repo, tag, ctx.RequestAborted).ConfigureAwait(false);
        if (m is null)
        {
            await OciResults.ErrorAsync(ctx, 404, OciCodes.ManifestUnknown, $"{repo}:{tag} does not exist").ConfigureAwait(false);
            return;
        }
        var id = await queue.EnqueueAsync(repo, tag, m.Digest, platform, ctx.RequestAborted).ConfigureAwait(false);
        var results = $"/api/v0/repositories/{repo}/tags/{tag}/scan-results";
        ctx.Response.Headers.Location = $"/api/v0/scans/{id}";
        await WriteAsync(ctx, 202, new ScanAccepted(id, "queued", repo, tag, m.Digest.ToString(), platform.ToString(), results), ApiJsonContext.Default.ScanAccepted).ConfigureAwait(false);
    }

    private async Task<ScanRecord?> LatestAsync(HttpContext ctx, string repo, string tag, Platform? platform)
    {
        var m = await store.GetManifestAsync(repo, tag, ctx.RequestAborted).ConfigureAwait(false);
        if (m is null)
        {
            await OciResults.ErrorAsync(ctx, 404, OciCodes.ManifestUnknown, $"{repo}:{tag} does not exist").ConfigureAwait(false);
            return null;
        }
        var scan = await scans.LatestAsync(repo, m.Digest, platform, ctx.RequestAborted).ConfigureAwait(false);
        if (scan is null) await OciResults.ErrorAsync(ctx, 404, "SCAN_UNKNOWN", $"{repo}:{tag} ({m.Digest}) has not been scanned; POST …/scan to scan it").ConfigureAwait(false);
        return scan;
    }

    private async Task<bool> AuthorizeAsync(HttpContext ctx, string repo, RepoAction action)
    {
        if (!RepositoryName.IsValid(repo))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.NameInvalid, $"'{repo}' is not a valid repository name").ConfigureAwait(false);
            return false;
        }
        var tag = ctx.Request.RouteValues["tag"] as string;
        if (tag is not null && !RepositoryName.IsValidTag(tag))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.ManifestInvalid, $"'{tag}' is not a valid tag").ConfigureAwait(false);
            return false;
        }
        var caller = await auth.AuthenticateAsync(ctx).ConfigureAwait(false);
        switch (await auth.DecideAsync(caller, repo, action, ctx.RequestAborted).ConfigureAwait(false))
        {
            case Decision.Allowed:
                return true;
            case Decision.Unauthenticated:
                await UnauthenticatedAsync(ctx, $"repository:{repo}:{action.ScopeWord()}").ConfigureAwait(false);
                return false;
            default:
                await OciResults.ErrorAsync(ctx, 403, OciCodes.Denied, $"no grant allows {action.ToString().ToLowerInvariant()} on {repo}").ConfigureAwait(false);
                return false;
        }
    }

    private async Task UnauthenticatedAsync(HttpContext ctx, string? scope)
    {
        auth.Challenge(ctx, scope);
        await OciResults.ErrorAsync(ctx, 401, OciCodes.Unauthorized,
            Authenticator.HadBadCredentials(ctx) ? "the credentials are wrong, expired or revoked" : "authentication required").ConfigureAwait(false);
    }

    private static (string Repo, string Tag) Target(HttpContext ctx) =>
        ($"{ctx.Request.RouteValues["namespace"]}/{ctx.Request.RouteValues["repo"]}", (string)ctx.Request.RouteValues["tag"]!);

    private readonly record struct Body<T>(bool Failed, T? Value);

    private readonly record struct ScanBody(bool Failed, ScanRequest? Request);

    private static async Task<ScanBody> ReadJsonAsync(HttpContext ctx)
    {
        var b = await ReadJsonAsync(ctx, ApiJsonContext.Default.ScanRequest).ConfigureAwait(false);
        return new ScanBody(b.Failed, b.Value);
    }

    /// <summary>An optional JSON body: empty is fine, anything else must parse into <typeparamref name="T"/> exactly.</summary>
    private static async Task<Body<T>> ReadJsonAsync<T>(HttpContext ctx, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (ctx.Request.ContentLength is > MaxRequestJson)
        {
            await OciResults.ErrorAsync(ctx, 413, "INVALID_REQUEST", $"the request body exceeds {MaxRequestJson} bytes").ConfigureAwait(false);
            return new Body<T>(true, null);
        }
        using var ms = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + n > MaxRequestJson)
            {
                await OciResults.ErrorAsync(ctx, 413, "INVALID_REQUEST", $"the request body exceeds {MaxRequestJson} bytes").ConfigureAwait(false);
                return new Body<T>(true, null);
            }
            ms.Write(buffer, 0, n);
        }
        if (ms.Length == 0) return new Body<T>(false, null);
        try
        {
            var value = JsonSerializer.Deserialize(ms.ToArray(), type);
            return new Body<T>(false, value);
        }
        catch (JsonException e)
        {
            await OciResults.ErrorAsync(ctx, 400, "INVALID_REQUEST", $"the body is not the JSON this route takes: {e.Message}").ConfigureAwait(false);
            return new Body<T>(true, null);
        }
    }

    private static async Task WriteAsync<T>(HttpContext ctx, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(ctx.Response.Body, value, type, ctx.RequestAborted).ConfigureAwait(false);
    }
}
