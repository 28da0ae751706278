using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Layers;

namespace Vigil.Images.Oci;

/// <summary>
/// Turns a top-level manifest or index into an <see cref="IImage"/>: picks the platform from an index
/// (a missing platform is an error listing the ones there are), reads and verifies the config, and
/// streams each layer from the blob source decompressed by content and verified by digest and DiffID.
/// Shared by every source: docker-archive, OCI layout/archive, registry pull, and the server's store.
/// </summary>
public static class OciImageResolver
{
    /// <summary>Configs are small JSON; anything past this is refused rather than buffered.</summary>
    public const int MaxConfigBytes = 64 * 1024 * 1024;

    /// <summary>Indexes may nest (an OCI layout pointing at a multi-platform index); deeper than this is refused.</summary>
    private const int MaxIndexDepth = 4;

    public static Task<IImage> ResolveAsync(
        string reference,
        string name,
        string sourceKind,
        IBlobSource blobs,
        ManifestContent top,
        Digest topDigest,
        ImageOpenOptions options,
        CancellationToken cancellationToken) =>
        ResolveCoreAsync(reference, name, sourceKind, blobs, top, topDigest, options, syntheticManifest: false, cancellationToken);

    /// <param name="syntheticManifest">
    /// True when the manifest was built by Vigil (classic docker-save has none): the image then reports no manifest digest.
    /// </param>
    internal static async Task<IImage> ResolveCoreAsync(
        string reference,
        string name,
        string sourceKind,
        IBlobSource blobs,
        ManifestContent top,
        Digest topDigest,
        ImageOpenOptions options,
        bool syntheticManifest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(top);
        ArgumentNullException.ThrowIfNull(options);

        VerifyBytes(top.Bytes.Span, topDigest, $"manifest {topDigest} of '{name}'");
        var (doc, mediaType) = Parse(top, topDigest, name);
        var digest = topDigest;
        Digest? indexDigest = null;
        var fromIndex = false;

        for (var depth = 0; MediaTypes.IsIndex(mediaType); depth++)
        {
            if (depth >= MaxIndexDepth)
            {
                throw new VigilException(ErrorKind.InvalidInput,
                    $"image index {digest} of '{name}' nests more than {MaxIndexDepth} indexes deep",
                    "this is not a normal image; check where it came from");
            }
            indexDigest ??= digest;
            fromIndex = true;
            var entry = PickPlatform(doc, digest, name, options.EffectivePlatform);
            var entryDigest = ParseDigest(entry.Digest, $"an entry of image index {digest} of '{name}'");
            var content = await blobs.GetManifestAsync(entryDigest, cancellationToken).ConfigureAwait(false);
            VerifyBytes(content.Bytes.Span, entryDigest, $"manifest {entryDigest} of '{name}'");
            (doc, mediaType) = Parse(content with { MediaType = content.MediaType ?? entry.MediaType }, entryDigest, name);
            digest = entryDigest;
        }

        if (!MediaTypes.IsManifest(mediaType))
        {
            throw Unknown(mediaType, $"manifest {digest} of '{name}'");
        }

        var configDescriptor = doc.Config ?? throw new VigilException(ErrorKind.InvalidInput,
            $"manifest {digest} of '{name}' has no config", "the manifest is malformed; the image cannot be scanned");
        if (configDescriptor.MediaType is not null && !MediaTypes.IsConfig(configDescriptor.MediaType))
        {
            throw new VigilException(ErrorKind.Unsupported,
                $"manifest {digest} of '{name}' is not a container image: its config has media type '{configDescriptor.MediaType}'",
                "this is an OCI artifact (a chart, signature, SBOM …), not an image Vigil can scan");
        }
        var configDigest = ParseDigest(configDescriptor.Digest, $"the config of manifest {digest} of '{name}'");
        var config = await ReadConfigAsync(blobs, configDigest, configDescriptor.Size, name, cancellationToken).ConfigureAwait(false);

        var layerDescriptors = doc.Layers ?? [];
        var diffIds = config.RootFs?.DiffIds ?? [];
        if (diffIds.Count != layerDescriptors.Count)
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"config {configDigest} of '{name}' lists {diffIds.Count} DiffIDs but manifest {digest} has {layerDescriptors.Count} layers",
                "the image is malformed; rebuild it");
        }

        var createdBy = (config.History ?? []).Where(h => !h.EmptyLayer).Select(h => h.CreatedBy ?? h.Comment).ToList();
        var layers = new List<LayerInfo>(layerDescriptors.Count);
        for (var i = 0; i < layerDescriptors.Count; i++)
        {
            var d = layerDescriptors[i];
            if (!MediaTypes.IsLayer(d.MediaType) && d.MediaType is not null)
            {
                throw Unknown(d.MediaType, $"layer {i} of manifest {digest} of '{name}'");
            }
            var layerDigest = ParseDigest(d.Digest, $"layer {i} of manifest {digest} of '{name}'");
            var diffId = ParseDigest(diffIds[i], $"DiffID {i} in config {configDigest} of '{name}'");
            layers.Add(new LayerInfo(i, layerDigest, diffId, d.MediaType ?? MediaTypes.OciLayer, d.Size, i < createdBy.Count ? createdBy[i] : null));
        }

        var platform = config.Os is { Length: > 0 } os && config.Architecture is { Length: > 0 } arch
            ? new Platform(os, arch, string.IsNullOrEmpty(config.Variant) ? null : config.Variant)
            : null;
        if (!fromIndex && options.Platform is { } wanted && platform is not null && !wanted.Accepts(platform))
        {
            throw new VigilException(ErrorKind.NotFound,
                $"'{name}' is a single-platform image for {platform}, not {wanted}",
                $"scan it with --platform {platform}, or point Vigil at a multi-platform index");
        }

        var info = new ImageInfo(reference, name, sourceKind, syntheticManifest ? null : digest, indexDigest, configDigest, platform, layers);
        return new ResolvedImage(info, blobs, options);
    }

    private static OciDescriptor PickPlatform(OciManifest index, Digest digest, string name, Platform wanted)
    {
        var entries = (index.Manifests ?? [])
            .Where(e => e.Annotation("vnd.docker.reference.type") is null && e.Platform?.Os != "unknown")
            .ToList();
        foreach (var e in entries)
        {
            if (e.Platform is { Os: { } os, Architecture: { } arch } p && wanted.Accepts(new Platform(os, arch, p.Variant)))
            {
                return e;
            }
        }
        if (entries.Count == 1 && entries[0].Platform is null)
        {
            return entries[0];
        }
        var present = entries
            .Select(e => e.Platform is { Os: { } os, Architecture: { } arch } p ? new Platform(os, arch, p.Variant).ToString() : "(no platform)")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        throw new VigilException(ErrorKind.NotFound,
            $"image index {digest} of '{name}' has no image for {wanted}; it has: {(present.Count == 0 ? "no images" : string.Join(", ", present))}",
            present.Count == 0 ? "the index is empty; check the reference" : $"choose one with --platform, e.g. --platform {present[0]}");
    }

    private static (OciManifest Doc, string? MediaType) Parse(ManifestContent content, Digest digest, string name)
    {
        OciManifest? doc;
        try
        {
            doc = JsonSerializer.Deserialize(content.Bytes.Span, OciJsonContext.Default.OciManifest);
        }
        catch (JsonException e)
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"manifest {digest} of '{name}' is not valid JSON: {e.Message}",
                "the manifest is damaged; pull or save the image again", e);
        }
        if (doc is null)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"manifest {digest} of '{name}' is JSON null", "the manifest is damaged; pull or save the image again");
        }
        var mediaType = doc.MediaType ?? content.MediaType;
        if (doc.SchemaVersion == 1 || doc.FsLayers is not null || MediaTypes.IsSchema1(mediaType))
        {
            throw new VigilException(ErrorKind.Unsupported,
                $"manifest {digest} of '{name}' is a Docker schema 1 manifest, deprecated since 2017 and not supported",
                "pull and push the image with a current docker or skopeo to convert it to schema 2 / OCI");
        }
        mediaType ??= doc.Manifests is not null ? MediaTypes.OciIndex : doc.Config is not null ? MediaTypes.OciManifest : null;
        if (!MediaTypes.IsIndex(mediaType) && !MediaTypes.IsManifest(mediaType))
        {
            throw Unknown(mediaType, $"manifest {digest} of '{name}'");
        }
        return (doc, mediaType);
    }

    private static async Task<ImageConfig> ReadConfigAsync(IBlobSource blobs, Digest digest, long size, string name, CancellationToken cancellationToken)
    {
        var what = $"config {digest} of '{name}'";
        if (size > MaxConfigBytes)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"{what} declares {size} bytes, more than the {MaxConfigBytes} a config may have", "this is not a normal image config");
        }
        using var buffer = new MemoryStream();
        var raw = await blobs.OpenBlobAsync(digest, size, cancellationToken).ConfigureAwait(false);
        await using (var verifying = new VerifyingStream(raw, digest, size > 0 ? size : null, what))
        {
            var chunk = new byte[16384];
            int n;
            while ((n = await verifying.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > MaxConfigBytes)
                {
                    throw new VigilException(ErrorKind.InvalidInput, $"{what} is larger than {MaxConfigBytes} bytes", "this is not a normal image config");
                }
            }
        }
        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), OciJsonContext.Default.ImageConfig)
                ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"{what} is not valid JSON: {e.Message}", "the image config is damaged; pull or save the image again", e);
        }
    }

    internal static void VerifyBytes(ReadOnlySpan<byte> bytes, Digest expected, string what)
    {
        var actual = new Digest(expected.Algorithm, Convert.ToHexStringLower(expected.Algorithm == "sha512"
            ? System.Security.Cryptography.SHA512.HashData(bytes)
            : System.Security.Cryptography.SHA256.HashData(bytes)));
        if (actual != expected)
        {
            throw new VigilException(ErrorKind.Integrity,
                $"{what} does not match its digest: content hashes to {actual}",
                "the image is corrupt or was tampered with; pull or save it again");
        }
    }

    internal static Digest ParseDigest(string? text, string where) =>
        Digest.TryParse(text, out var d, out var reason)
            ? d
            : throw new VigilException(ErrorKind.InvalidInput, $"{where} has an invalid digest '{text}': {reason}", "the image is malformed");

    private static VigilException Unknown(string? mediaType, string where) =>
        new(ErrorKind.Unsupported,
            $"{where} has media type '{mediaType ?? "(none)"}', which Vigil does not support",
            "Vigil reads OCI and Docker v2 images (manifest, index, manifest list) with tar, tar+gzip or tar+zstd layers");
}
