using Microsoft.AspNetCore.Http;
using Vigil.Core.Model;
using Vigil.TestKit;
using Vigil.TestKit.Registry;

namespace Vigil.Images.Tests.Registry;

/// <summary>
/// One small real image (from the fixture folders) served the way a correct registry serves it, so that each
/// fault test only has to write the one misbehaviour it is about.
/// </summary>
public sealed class FaultyRegistryImage : IDisposable
{
    public const string Repository = "faults/app";

    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-faulty-").FullName;

    public FaultyRegistryImage()
    {
        var layout = new OciLayoutWriter(_dir);
        Image = layout.AddImage(Platform.Default, RepoPaths.Fixture("registry", "rootfs-base"), RepoPaths.Fixture("registry", "layer-app"));
        Layout = layout;
        Manifest = File.ReadAllBytes(layout.BlobPath(Image.ManifestDigest));
    }

    public OciLayoutWriter Layout { get; }

    public WrittenImage Image { get; }

    public byte[] Manifest { get; }

    public Digest Layer => Image.LayerDigests[^1];

    public byte[] LayerBytes => File.ReadAllBytes(Layout.BlobPath(Layer));

    /// <summary>Serves /v2/, the manifest by tag "1" or digest, and blobs with Range support.</summary>
    public async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == "/v2/") { context.Response.StatusCode = 200; return; }
        var manifests = $"/v2/{Repository}/manifests/";
        var blobs = $"/v2/{Repository}/blobs/";
        if (path.StartsWith(manifests, StringComparison.Ordinal))
        {
            var reference = path[manifests.Length..];
            if (reference != "1" && reference != Image.ManifestDigest.ToString()) { await NotFound(context, "MANIFEST_UNKNOWN"); return; }
            context.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
            context.Response.Headers["Docker-Content-Digest"] = Image.ManifestDigest.ToString();
            await context.Response.Body.WriteAsync(Manifest);
            return;
        }
        if (path.StartsWith(blobs, StringComparison.Ordinal) && Digest.TryParse(path[blobs.Length..], out var digest) && File.Exists(Layout.BlobPath(digest)))
        {
            await ServeBytesAsync(context, File.ReadAllBytes(Layout.BlobPath(digest)));
            return;
        }
        await NotFound(context, "BLOB_UNKNOWN");
    }

    /// <summary>Writes bytes honouring a "bytes=N-" Range header.</summary>
    public static async Task ServeBytesAsync(HttpContext context, byte[] bytes)
    {
        var start = 0L;
        var range = context.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-') && long.TryParse(range[6..^1], out var from))
        {
            start = from;
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{bytes.Length - 1}/{bytes.Length}";
        }
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = bytes.Length - start;
        await context.Response.Body.WriteAsync(bytes.AsMemory((int)start));
    }

    public static async Task NotFound(HttpContext context, string code)
    {
        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"errors\":[{{\"code\":\"{code}\",\"message\":\"not here\"}}]}}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
