using System.Text.Json;
using Vigil.Core.Model;

namespace Vigil.Server.Distribution;

/// <summary>A descriptor a manifest points at.</summary>
public sealed record ManifestReference(string MediaType, Digest Digest, long Size, bool IsManifest);

/// <summary>What the registry needs to know of a pushed manifest.</summary>
public sealed record ParsedManifest(
    string MediaType,
    IReadOnlyList<ManifestReference> References,
    Digest? Subject,
    string? ArtifactType,
    string? ConfigMediaType,
    string? AnnotationsJson);

/// <summary>Reads pushed manifests and indexes far enough to check what they reference; the bytes are stored untouched.</summary>
public static class ManifestParser
{
    /// <summary>Parses <paramref name="bytes"/>; on failure returns null with the reason for a MANIFEST_INVALID body.</summary>
    public static ParsedManifest? TryParse(ReadOnlySpan<byte> bytes, string? contentType, out string? error)
    {
        error = null;
        try
        {
            using var doc = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { error = "the manifest is not a JSON object"; return null; }
            if (!root.TryGetProperty("schemaVersion", out var sv) || sv.ValueKind != JsonValueKind.Number || sv.GetInt32() != 2)
            {
                error = "schemaVersion must be 2";
                return null;
            }
            var declared = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString() : null;
            var header = contentType?.Split(';')[0].Trim();
            if (declared is not null && !string.IsNullOrEmpty(header) && header != declared && header != "application/json")
            {
                error = $"Content-Type {header} does not match the manifest's mediaType {declared}";
                return null;
            }
            var mediaType = declared ?? (string.IsNullOrEmpty(header) ? null : header)
                ?? (root.TryGetProperty("manifests", out _) ? MediaTypes.OciIndex : root.TryGetProperty("config", out _) ? MediaTypes.OciManifest : null);
            if (mediaType is null || !(MediaTypes.IsManifest(mediaType) || MediaTypes.IsIndex(mediaType)))
            {
                error = $"unsupported manifest media type '{mediaType}'";
                return null;
            }
            var refs = new List<ManifestReference>();
            string? configType = null;
            if (MediaTypes.IsManifest(mediaType))
            {
                if (!root.TryGetProperty("config", out var config)) { error = "an image manifest needs a config descriptor"; return null; }
                var c = ReadDescriptor(config, false, out error);
                if (c is null) return null;
                configType = c.MediaType;
                refs.Add(c);
                if (!root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array) { error = "an image manifest needs a layers array"; return null; }
                foreach (var l in layers.EnumerateArray())
                {
                    var d = ReadDescriptor(l, false, out error);
                    if (d is null) return null;
                    refs.Add(d);
                }
            }
            else
            {
                if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array) { error = "an index needs a manifests array"; return null; }
                foreach (var l in manifests.EnumerateArray())
                {
                    var d = ReadDescriptor(l, true, out error);
                    if (d is null) return null;
                    refs.Add(d);
                }
            }
            Digest? subject = null;
            if (root.TryGetProperty("subject", out var s))
            {
                var d = ReadDescriptor(s, true, out error);
                if (d is null) return null;
                subject = d.Digest;
            }
            var artifactType = root.TryGetProperty("artifactType", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null;
            var annotations = root.TryGetProperty("annotations", out var ann) && ann.ValueKind == JsonValueKind.Object ? ann.GetRawText() : null;
            return new ParsedManifest(mediaType, refs, subject, artifactType, configType, annotations);
        }
        catch (JsonException e)
        {
            error = $"the manifest is not valid JSON: {e.Message}";
            return null;
        }
        catch (InvalidOperationException e)
        {
            error = $"the manifest has a field of the wrong type: {e.Message}";
            return null;
        }
        catch (FormatException e)
        {
            error = $"the manifest has a field of the wrong type: {e.Message}";
            return null;
        }
    }

    private static ManifestReference? ReadDescriptor(JsonElement e, bool isManifest, out string? error)
    {
        error = null;
        if (e.ValueKind != JsonValueKind.Object) { error = "a descriptor is not an object"; return null; }
        var mediaType = e.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString()! : "";
        if (!e.TryGetProperty("digest", out var dg) || dg.ValueKind != JsonValueKind.String || !Digest.TryParse(dg.GetString(), out var digest, out var why))
        {
            error = $"a descriptor has no valid digest{(e.TryGetProperty("digest", out var raw) ? $" ('{raw}')" : "")}";
            return null;
        }
        _ = why;
        if (!e.TryGetProperty("size", out var sz) || sz.ValueKind != JsonValueKind.Number || !sz.TryGetInt64(out var size) || size < 0)
        {
            error = $"descriptor {digest} has no valid size";
            return null;
        }
        return new ManifestReference(mediaType, digest, size, isManifest);
    }
}
