using System.Globalization;
using Microsoft.AspNetCore.Http;
using Vigil.Core.Model;
using Vigil.Server.Auth;
using Vigil.Server.Storage;

namespace Vigil.Server.Distribution;

public sealed partial class DistributionApi
{
    private async Task GetBlobAsync(HttpContext ctx, string name, string reference)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Pull).ConfigureAwait(false)) return;
        if (!TryDigest(reference, out var digest))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.DigestInvalid, $"'{reference}' is not a digest").ConfigureAwait(false);
            return;
        }
        var size = await store.GetBlobAsync(name, digest, ctx.RequestAborted).ConfigureAwait(false);
        if (size is null)
        {
            await OciResults.ErrorAsync(ctx, 404, OciCodes.BlobUnknown, $"blob {digest} is not in {name}").ConfigureAwait(false);
            return;
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/octet-stream";
        ctx.Response.ContentLength = size;
        ctx.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        ctx.Response.Headers.ETag = $"\"{digest}\"";
        ctx.Response.Headers.AcceptRanges = "none";
        if (HttpMethods.IsHead(ctx.Request.Method)) return;
        await ctx.Response.SendFileAsync(store.Blobs.PathOf(digest), ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task DeleteBlobAsync(HttpContext ctx, string name, string reference)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Delete).ConfigureAwait(false)) return;
        if (!TryDigest(reference, out var digest))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.DigestInvalid, $"'{reference}' is not a digest").ConfigureAwait(false);
            return;
        }
        if (!await store.UnlinkBlobAsync(name, digest, ctx.RequestAborted).ConfigureAwait(false))
        {
            await OciResults.ErrorAsync(ctx, 404, OciCodes.BlobUnknown, $"blob {digest} is not in {name}").ConfigureAwait(false);
            return;
        }
        ctx.Response.StatusCode = 202;
        ctx.Response.ContentLength = 0;
    }

    private async Task StartUploadAsync(HttpContext ctx, string name)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Push).ConfigureAwait(false)) return;
        var ct = ctx.RequestAborted;
        var query = ctx.Request.Query;
        if (query.TryGetValue("mount", out var mountText))
        {
            if (!TryDigest(mountText.ToString(), out var mount))
            {
                await OciResults.ErrorAsync(ctx, 400, OciCodes.DigestInvalid, $"'{mountText}' is not a digest").ConfigureAwait(false);
                return;
            }
            var from = query["from"].ToString();
            // Mount only from a repository the caller may pull: otherwise a mount would read what no grant allows.
            if (RepositoryName.IsValid(from) && from != name
                && await auth.DecideAsync(await auth.AuthenticateAsync(ctx).ConfigureAwait(false), from, RepoAction.Pull, ct).ConfigureAwait(false) == Decision.Allowed
                && await store.GetBlobAsync(from, mount, ct).ConfigureAwait(false) is { } mountedSize)
            {
                await store.LinkBlobAsync(name, mount, mountedSize, ct).ConfigureAwait(false);
                Created(ctx, BlobLocation(name, mount), mount);
                return;
            }
        }
        var session = await uploads.CreateAsync(name, ct).ConfigureAwait(false);
        if (query.TryGetValue("digest", out var digestText))
        {
            if (!TryDigest(digestText.ToString(), out var expected))
            {
                await uploads.DeleteAsync(session, deleteFile: true, ct).ConfigureAwait(false);
                await OciResults.ErrorAsync(ctx, 400, OciCodes.DigestInvalid, $"'{digestText}' is not a digest").ConfigureAwait(false);
                return;
            }
            if (!await AppendBodyAsync(ctx, session, checkRange: false).ConfigureAwait(false)) return;
            await FinishAsync(ctx, name, session, expected).ConfigureAwait(false);
            return;
        }
        Accepted(ctx, name, session, 0, 202);
    }

    private async Task PatchUploadAsync(HttpContext ctx, string name, string id)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Push).ConfigureAwait(false)) return;
        var session = await FindUploadAsync(ctx, name, id).ConfigureAwait(false);
        if (session is null) return;
        await session.Lock.WaitAsync(ctx.RequestAborted).ConfigureAwait(false);
        try
        {
            if (!await AppendBodyAsync(ctx, session, checkRange: true).ConfigureAwait(false)) return;
            Accepted(ctx, name, session, UploadStore.Length(session), 202);
        }
        finally
        {
            session.Lock.Release();
        }
    }

    private async Task PutUploadAsync(HttpContext ctx, string name, string id)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Push).ConfigureAwait(false)) return;
        var session = await FindUploadAsync(ctx, name, id).ConfigureAwait(false);
        if (session is null) return;
        var digestText = ctx.Request.Query["digest"].ToString();
        if (!TryDigest(digestText, out var expected))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.DigestInvalid, $"the closing PUT needs ?digest= with the whole blob's digest; '{digestText}' is not one").ConfigureAwait(false);
            return;
        }
        await session.Lock.WaitAsync(ctx.RequestAborted).ConfigureAwait(false);
        try
        {
            if (!await AppendBodyAsync(ctx, session, checkRange: true).ConfigureAwait(false)) return;
            await FinishAsync(ctx, name, session, expected).ConfigureAwait(false);
        }
        finally
        {
            session.Lock.Release();
        }
    }

    private async Task UploadStatusAsync(HttpContext ctx, string name, string id)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Push).ConfigureAwait(false)) return;
        var session = await FindUploadAsync(ctx, name, id).ConfigureAwait(false);
        if (session is null) return;
        Accepted(ctx, name, session, UploadStore.Length(session), 204);
    }

    private async Task CancelUploadAsync(HttpContext ctx, string name, string id)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Push).ConfigureAwait(false)) return;
        var session = await FindUploadAsync(ctx, name, id).ConfigureAwait(false);
        if (session is null) return;
        await uploads.DeleteAsync(session, deleteFile: true, ctx.RequestAborted).ConfigureAwait(false);
        ctx.Response.StatusCode = 204;
    }

    private async Task<UploadStore.Session?> FindUploadAsync(HttpContext ctx, string name, string id)
    {
        var session = await uploads.FindAsync(name, id, ctx.RequestAborted).ConfigureAwait(false);
        if (session is null) await OciResults.ErrorAsync(ctx, 404, OciCodes.BlobUploadUnknown, $"no upload {id} in {name}").ConfigureAwait(false);
        return session;
    }

    /// <summary>
    /// Appends the request body. With Content-Range the chunk must start where the upload ends (else 416, per the spec);
    /// Content-Length, when given, must match what arrives.
    /// </summary>
    private async Task<bool> AppendBodyAsync(HttpContext ctx, UploadStore.Session session, bool checkRange)
    {
        var current = UploadStore.Length(session);
        long? declared = ctx.Request.ContentLength;
        var range = ctx.Request.Headers.ContentRange.ToString();
        if (checkRange && range.Length > 0)
        {
            var text = range.StartsWith("bytes ", StringComparison.Ordinal) ? range[6..] : range;
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !long.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(text[(dash + 1)..].Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end < start)
            {
                await OciResults.ErrorAsync(ctx, 416, OciCodes.BlobUploadInvalid, $"Content-Range '{range}' is not START-END").ConfigureAwait(false);
                SetUploadHeaders(ctx, session, current);
                return false;
            }
            if (start != current)
            {
                SetUploadHeaders(ctx, session, current);
                await OciResults.ErrorAsync(ctx, 416, OciCodes.BlobUploadInvalid, $"chunk starts at {start} but the upload holds {current} bytes: chunks must arrive in order").ConfigureAwait(false);
                return false;
            }
            if (declared is { } len && len != end - start + 1)
            {
                await OciResults.ErrorAsync(ctx, 400, OciCodes.SizeInvalid, $"Content-Range covers {end - start + 1} bytes but Content-Length is {len}").ConfigureAwait(false);
                return false;
            }
        }
        long after;
        try
        {
            after = await UploadStore.AppendAsync(session, ctx.Request.Body, declared, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.SizeInvalid, e.Message).ConfigureAwait(false);
            return false;
        }
        if (declared is { } expected && after - current != expected)
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.SizeInvalid, $"Content-Length was {expected} but {after - current} bytes arrived").ConfigureAwait(false);
            return false;
        }
        return true;
    }

    private async Task FinishAsync(HttpContext ctx, string name, UploadStore.Session session, Digest expected)
    {
        var ct = ctx.RequestAborted;
        var actual = await UploadStore.FinishHashAsync(session, expected, ct).ConfigureAwait(false);
        var size = UploadStore.Length(session);
        if (actual != expected)
        {
            // A failed upload is dropped whole: nothing of it may ever be served.
            await uploads.DeleteAsync(session, deleteFile: true, ct).ConfigureAwait(false);
            await OciResults.ErrorAsync(ctx, 400, OciCodes.DigestInvalid, $"the uploaded content has digest {actual}, not {expected}").ConfigureAwait(false);
            return;
        }
        store.Blobs.Commit(session.Path, expected);
        await store.LinkBlobAsync(name, expected, size, ct).ConfigureAwait(false);
        await uploads.DeleteAsync(session, deleteFile: false, ct).ConfigureAwait(false);
        Created(ctx, BlobLocation(name, expected), expected);
    }

    private static void Created(HttpContext ctx, string location, Digest digest)
    {
        ctx.Response.StatusCode = 201;
        ctx.Response.Headers.Location = location;
        ctx.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        ctx.Response.ContentLength = 0;
    }

    private static void Accepted(HttpContext ctx, string name, UploadStore.Session session, long length, int status)
    {
        ctx.Response.StatusCode = status;
        SetUploadHeaders(ctx, session, length);
        ctx.Response.ContentLength = 0;
    }

    private static void SetUploadHeaders(HttpContext ctx, UploadStore.Session session, long length)
    {
        ctx.Response.Headers.Location = $"/v2/{session.Repository}/blobs/uploads/{session.Id}";
        ctx.Response.Headers["Range"] = $"0-{Math.Max(0, length - 1)}";
        ctx.Response.Headers["Docker-Upload-UUID"] = session.Id;
    }
}
