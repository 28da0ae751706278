using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Vigil.Core.Model;
using Vigil.Server.Auth;
using Vigil.Server.Storage;

namespace Vigil.Server.Distribution;

public sealed partial class DistributionApi
{
    private async Task GetManifestAsync(HttpContext ctx, string name, string reference)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Pull).ConfigureAwait(false)) return;
        if (!IsReference(reference))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.ManifestInvalid, $"'{reference}' is neither a tag nor a digest").ConfigureAwait(false);
            return;
        }
        var m = await store.GetManifestAsync(name, reference, ctx.RequestAborted).ConfigureAwait(false);
        if (m is null)
        {
            await OciResults.ErrorAsync(ctx, 404, OciCodes.ManifestUnknown, $"manifest {reference} is not in {name}").ConfigureAwait(false);
            return;
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = m.MediaType;
        ctx.Response.ContentLength = m.Size;
        ctx.Response.Headers["Docker-Content-Digest"] = m.Digest.ToString();
        ctx.Response.Headers.ETag = $"\"{m.Digest}\"";
        if (HttpMethods.IsHead(ctx.Request.Method)) return;
        await ctx.Response.SendFileAsync(store.Blobs.PathOf(m.Digest), ctx.RequestAborted).ConfigureAwait(false);
    }

    private async Task PutManifestAsync(HttpContext ctx, string name, string reference)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Push).ConfigureAwait(false)) return;
        var ct = ctx.RequestAborted;
        var byDigest = Digest.TryParse(reference, out var expected);
        if (!byDigest && !RepositoryName.IsValidTag(reference))
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.ManifestInvalid, $"'{reference}' is neither a tag nor a digest").ConfigureAwait(false);
            return;
        }
        var bytes = await ReadLimitedAsync(ctx, options.MaxManifestBytes).ConfigureAwait(false);
        if (bytes is null)
        {
            await OciResults.ErrorAsync(ctx, 413, OciCodes.ManifestInvalid, $"the manifest exceeds the limit of {options.MaxManifestBytes} bytes").ConfigureAwait(false);
            return;
        }
        var digest = byDigest && expected.Algorithm == "sha512"
            ? new Digest("sha512", Convert.ToHexStringLower(SHA512.HashData(bytes)))
            : Digest.Sha256(bytes);
        if (byDigest && digest != expected)
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.DigestInvalid, $"the manifest's digest is {digest}, not {expected}").ConfigureAwait(false);
            return;
        }
        var parsed = ManifestParser.TryParse(bytes, ctx.Request.ContentType, out var error);
        if (parsed is null)
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.ManifestInvalid, error ?? "invalid manifest").ConfigureAwait(false);
            return;
        }
        foreach (var r in parsed.References)
        {
            var known = r.IsManifest
                ? await store.GetManifestAsync(name, r.Digest.ToString(), ct).ConfigureAwait(false) is not null
                : MediaTypes.IsForeignLayer(r.MediaType) || await store.GetBlobAsync(name, r.Digest, ct).ConfigureAwait(false) is not null;
            if (!known)
            {
                await OciResults.ErrorAsync(ctx, 400, OciCodes.ManifestBlobUnknown,
                    $"the manifest references {(r.IsManifest ? "manifest" : "blob")} {r.Digest}, which is not in {name}", r.Digest.ToString()).ConfigureAwait(false);
                return;
            }
        }
        // Bytes first, then the metadata row: a crash between leaves an unreferenced file, never a row without bytes.
        await store.Blobs.PutAsync(digest, bytes, ct).ConfigureAwait(false);
        var artifactType = parsed.ArtifactType ?? (MediaTypes.IsManifest(parsed.MediaType) ? parsed.ConfigMediaType : null);
        var stored = new StoredManifest(name, digest, parsed.MediaType, bytes.Length, parsed.Subject?.ToString(), artifactType, parsed.AnnotationsJson);
        var tag = byDigest ? null : reference;
        await store.PutManifestAsync(stored, tag, ct).ConfigureAwait(false);

        ctx.Response.StatusCode = 201;
        ctx.Response.Headers.Location = $"/v2/{name}/manifests/{digest}";
        ctx.Response.Headers["Docker-Content-Digest"] = digest.ToString();
        if (parsed.Subject is { } subject) ctx.Response.Headers["OCI-Subject"] = subject.ToString();
        ctx.Response.ContentLength = 0;

        var isImage = MediaTypes.IsIndex(parsed.MediaType) || (parsed.ConfigMediaType is { } cfg && MediaTypes.IsImageConfig(cfg) && parsed.ArtifactType is null);
        if (tag is not null && isImage) await scans.OnPushAsync(name, tag, digest, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task DeleteManifestAsync(HttpContext ctx, string name, string reference)
    {
        if (!await AuthorizeAsync(ctx, name, RepoAction.Delete).ConfigureAwait(false)) return;
        var ct = ctx.RequestAborted;
        bool deleted;
        if (Digest.TryParse(reference, out var digest)) deleted = await store.DeleteManifestAsync(name, digest, ct).ConfigureAwait(false);
        else if (RepositoryName.IsValidTag(reference)) deleted = await store.DeleteTagAsync(name, reference, ct).ConfigureAwait(false);
        else
        {
            await OciResults.ErrorAsync(ctx, 400, OciCodes.ManifestInvalid, $"'{reference}' is neither a tag nor a digest").ConfigureAwait(false);
            return;
        }
        if (!deleted)
        {
            await OciResults.ErrorAsync(ctx, 404, OciCodes.ManifestUnknown, $"manifest {reference} is not in {name}").ConfigureAwait(false);
            return;
        }
        ctx.Response.StatusCode = 202;
        ctx.Response.ContentLength = 0;
    }

    private static bool IsReference(string reference) => Digest.TryParse(reference, out _) || RepositoryName.IsValidTag(reference);

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> (checked on the header and on the bytes).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpContext ctx, long limit)
    {
        if (ctx.Request.ContentLength is { } declared && declared > limit) return null;
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + n > limit) return null;
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }
}
