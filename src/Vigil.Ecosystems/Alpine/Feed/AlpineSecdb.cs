using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Vigil.Core.Model;

namespace Vigil.Ecosystems.Alpine.Feed;

/// <summary>One secdb package: the origin name and its secfixes (fixed version → ids).</summary>
public sealed record AlpineSecdbPackage(string Name, IReadOnlyDictionary<string, IReadOnlyList<string>?> Secfixes);

/// <summary>One secdb document (a release's main or community file, or a vuln-list per-package file).</summary>
public sealed record AlpineSecdbDocument(string DistroVersion, string? RepoName, IReadOnlyList<AlpineSecdbPackage> Packages);

/// <summary>secdb.alpinelinux.org JSON, and the flattened per-package form of aquasecurity/vuln-list (name and secfixes at top level).</summary>
public sealed record AlpineSecdbJson
{
    [JsonPropertyName("distroversion")] public string? DistroVersion { get; init; }
    [JsonPropertyName("reponame")] public string? RepoName { get; init; }
    [JsonPropertyName("packages")] public List<AlpineSecdbJsonPackage>? Packages { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("secfixes")] public Dictionary<string, List<string>?>? Secfixes { get; init; }
}

public sealed record AlpineSecdbJsonPackage
{
    [JsonPropertyName("pkg")] public AlpineSecdbJsonPkg? Pkg { get; init; }
}

public sealed record AlpineSecdbJsonPkg
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("secfixes")] public Dictionary<string, List<string>?>? Secfixes { get; init; }
}

[JsonSerializable(typeof(AlpineSecdbJson))]
internal sealed partial class AlpineFeedJsonContext : JsonSerializerContext;

/// <summary>The secdb → advisory mapping shared by the JSON and YAML readers.</summary>
public static partial class AlpineSecdbMapper
{
    [GeneratedRegex(@"^CVE[ _](\d{4})-(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MisspelledCve();

    /// <summary><c>v3.18</c> → <c>alpine:3.18</c>; <c>edge</c> → <c>alpine:edge</c>.</summary>
    public static string Namespace(string distroVersion)
    {
        var v = distroVersion.Trim();
        if (v.StartsWith('v')) v = v[1..];
        return "alpine:" + v;
    }

    /// <summary>Groups every statement of the documents by advisory id, one advisory per id.</summary>
    public static IEnumerable<Advisory> ToAdvisories(IEnumerable<AlpineSecdbDocument> documents)
    {
        var byId = new Dictionary<string, (List<string> Aliases, List<AffectedPackage> Affected)>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            var ns = Namespace(doc.DistroVersion);
            foreach (var pkg in doc.Packages)
            {
                foreach (var (version, ids) in pkg.Secfixes)
                {
                    foreach (var raw in ids ?? [])
                    {
                        if (!TrySplit(raw, out var id, out var aliases)) continue;
                        if (!byId.TryGetValue(id, out var acc)) byId[id] = acc = ([], []);
                        foreach (var a in aliases)
                        {
                            if (!acc.Aliases.Contains(a)) acc.Aliases.Add(a);
                        }
                        acc.Affected.Add(Statement(ns, pkg.Name, version.Trim()));
                    }
                }
            }
        }
        foreach (var (id, (aliases, affected)) in byId)
        {
            yield return new Advisory(id, "alpine", aliases, null, null, Severity.Unknown, [], [], null, null, affected);
        }
    }

    /// <summary>"CVE-2019-1234 ALPINE-13661": the first token is the id, the rest aliases.</summary>
    public static bool TrySplit(string? raw, out string id, out IReadOnlyList<string> aliases)
    {
        var tokens = (raw ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        id = "";
        aliases = [];
        if (tokens.Length == 0) return false;
        // "CVE 2018-16859" occurs in the legacy files; it is one id, not an id and an alias.
        if (tokens.Length >= 2 && MisspelledCve().Match(tokens[0] + " " + tokens[1]) is { Success: true } m)
        {
            tokens = ["CVE-" + m.Groups[1].Value + "-" + m.Groups[2].Value, .. tokens[2..]];
        }
        id = tokens[0];
        aliases = tokens[1..];
        return true;
    }

    private static AffectedPackage Statement(string ns, string package, string fixedVersion) =>
        fixedVersion == "0"
            ? new AffectedPackage(ns, package, "apk", AffectedState.NotAffected, [], [], null, null, null, null)
            : new AffectedPackage(ns, package, "apk", AffectedState.Affected,
                [new AffectedRange("ECOSYSTEM", [new RangeEvent(Introduced: "0"), new RangeEvent(Fixed: fixedVersion)])], [], fixedVersion, null, null, null);
}
