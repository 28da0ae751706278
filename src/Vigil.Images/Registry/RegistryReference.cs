using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Vigil.Core;
using Vigil.Core.Model;

namespace Vigil.Images.Registry;

/// <summary>
/// A registry image reference normalised the way docker does it (distribution/reference):
/// <c>alpine</c> is <c>docker.io/library/alpine:latest</c>, <c>index.docker.io</c> is <c>docker.io</c>.
/// </summary>
/// <param name="Domain">The registry as written after normalisation: <c>docker.io</c>, <c>ghcr.io</c>, <c>127.0.0.1:5000</c>.</param>
/// <param name="Repository">The path inside the registry: <c>library/alpine</c>.</param>
/// <param name="Tag">The tag; <c>latest</c> when neither a tag nor a digest was given.</param>
/// <param name="Digest">The manifest digest; when set it wins over the tag, as it does for docker pull.</param>
public sealed partial record RegistryReference(string Domain, string Repository, string? Tag, Digest? Digest)
{
    public const string DockerHubDomain = "docker.io";

    /// <summary>Where docker.io's API really lives.</summary>
    public const string DockerHubApiHost = "registry-1.docker.io";

    public const string DefaultTag = "latest";

    public bool IsDockerHub => Domain == DockerHubDomain;

    /// <summary>The tag or digest to ask /v2/…/manifests/ for.</summary>
    public string ManifestReference => Digest?.ToString() ?? Tag ?? DefaultTag;

    /// <summary>The fully qualified name without tag or digest: <c>docker.io/library/alpine</c>.</summary>
    public string Name => $"{Domain}/{Repository}";

    /// <summary>docker's short form: <c>alpine:3.20</c>, <c>user/app@sha256:…</c>, <c>ghcr.io/o/r:1</c>.</summary>
    public string FamiliarString
    {
        get
        {
            var name = IsDockerHub
                ? (Repository.StartsWith("library/", StringComparison.Ordinal) && Repository.IndexOf('/', 8) < 0 ? Repository[8..] : Repository)
                : Name;
            return Suffix(name);
        }
    }

    public override string ToString() => Suffix(Name);

    private string Suffix(string name)
    {
        var s = name;
        if (Tag is not null) s += ":" + Tag;
        if (Digest is { } d) s += "@" + d;
        return s;
    }

    public static RegistryReference Parse(string text) =>
        TryParse(text, out var r, out var reason)
            ? r
            : throw new VigilException(ErrorKind.Usage, $"'{text}' is not an image reference: {reason}",
                "write it as [HOST[:PORT]/]REPOSITORY[:TAG][@sha256:DIGEST], e.g. alpine:3.20 or 127.0.0.1:5000/team/app@sha256:…");

    public static bool TryParse(string? text, [NotNullWhen(true)] out RegistryReference? reference) =>
        TryParse(text, out reference, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out RegistryReference? reference, [NotNullWhen(false)] out string? reason)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text)) { reason = "it is empty"; return false; }
        if (text.Length > 4096) { reason = "it is too long"; return false; }
        if (AnchoredHex64().IsMatch(text))
        {
            reason = "a 64-character hex string is an image ID, not a reference; write REPOSITORY@sha256:ID to pull by digest";
            return false;
        }

        var rest = text;
        Digest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digestText = rest[(at + 1)..];
            if (!Core.Model.Digest.TryParse(digestText, out var d, out var why)) { reason = $"bad digest '{digestText}': {why}"; return false; }
            digest = d;
            rest = rest[..at];
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag)) { reason = $"bad tag '{tag}': up to 128 of [A-Za-z0-9_.-], not starting with '.' or '-'"; return false; }
        }

        // docker's splitDockerDomain: the first component is a host only when it looks like one.
        string domain;
        string path;
        var slash = rest.IndexOf('/');
        var first = slash < 0 ? rest : rest[..slash];
        if (slash < 0 || (first.IndexOfAny(['.', ':']) < 0 && first != "localhost" && first.ToLowerInvariant() == first))
        {
            domain = DockerHubDomain;
            path = rest;
        }
        else
        {
            domain = first;
            path = rest[(slash + 1)..];
        }

        if (domain == "index.docker.io") domain = DockerHubDomain;
        if (!DomainPattern().IsMatch(domain)) { reason = $"bad registry host '{domain}'"; return false; }
        if (path.Length == 0) { reason = "the repository is missing"; return false; }
        if (path.ToLowerInvariant() != path) { reason = $"repository name '{path}' must be lowercase"; return false; }
        if (domain == DockerHubDomain && !path.Contains('/', StringComparison.Ordinal)) path = "library/" + path;
        foreach (var component in path.Split('/'))
        {
            if (!PathComponentPattern().IsMatch(component))
            {
                reason = $"bad repository component '{component}': lowercase letters and digits, separated by '.', '_', '__' or dashes";
                return false;
            }
        }
        if (domain.Length + 1 + path.Length > 255) { reason = "the repository name is longer than 255 characters"; return false; }

        if (tag is null && digest is null) tag = DefaultTag;
        reference = new RegistryReference(domain, path, tag, digest);
        reason = null;
        return true;
    }

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex AnchoredHex64();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$")]
    private static partial Regex PathComponentPattern();

    [GeneratedRegex(@"^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$")]
    private static partial Regex DomainPattern();
}
