using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Server.Scanning;
using Vigil.TestKit;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// A small stand-in for the scan pipeline while Vigil.Scanning is a stub: it really reads the pushed layers from the
/// server's store (gzip tar, os-release, dpkg status) and matches source packages against an advisory fixture by exact
/// version. It counts how often it indexed, so tests can prove that a database change re-matches without re-indexing.
/// </summary>
public sealed class FixtureScanEngine : IScanEngine
{
    private readonly Lock gate = new();
    private List<FixtureAdvisory> advisories;
    private DatabaseInfo info;
    private int indexCalls;

    public FixtureScanEngine(string advisoryFixture = "advisories-v1.json")
    {
        var path = RepoPaths.Fixture("server", advisoryFixture);
        (advisories, info) = Load(path);
    }

    public int IndexCalls => Volatile.Read(ref indexCalls);

    public async Task<IndexReport> IndexAsync(ScanTarget target, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref indexCalls);
        using var manifest = JsonDocument.Parse(target.Manifest.Bytes);
        var configDesc = manifest.RootElement.GetProperty("config");
        var configDigest = Digest.Parse(configDesc.GetProperty("digest").GetString()!);
        byte[] configBytes;
        await using (var s = await target.Blobs.OpenBlobAsync(configDigest, null, cancellationToken))
        using (var ms = new MemoryStream())
        {
            await s.CopyToAsync(ms, cancellationToken);
            configBytes = ms.ToArray();
        }
        using var config = JsonDocument.Parse(configBytes);
        var diffIds = config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => Digest.Parse(d.GetString()!)).ToList();
        var layers = new List<LayerInfo>();
        var packages = new List<Package>();
        Distro? distro = null;
        var i = 0;
        foreach (var l in manifest.RootElement.GetProperty("layers").EnumerateArray())
        {
            var digest = Digest.Parse(l.GetProperty("digest").GetString()!);
            layers.Add(new LayerInfo(i, digest, diffIds[i], l.GetProperty("mediaType").GetString()!, l.GetProperty("size").GetInt64(), null));
            await using var blob = await target.Blobs.OpenBlobAsync(digest, null, cancellationToken);
            await using var gz = new GZipStream(blob, CompressionMode.Decompress);
            using var reader = new TarReader(gz);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } e)
            {
                var name = e.Name.TrimStart('.', '/');
                if (e.DataStream is null) continue;
                if (name == "etc/os-release" || name == "usr/lib/os-release")
                {
                    var kv = ReadLines(e.DataStream).Select(x => x.Split('=', 2)).Where(x => x.Length == 2).ToDictionary(x => x[0], x => x[1].Trim('"'));
                    distro = new Distro(kv.GetValueOrDefault("ID", "unknown"), kv.GetValueOrDefault("VERSION_ID"), kv.GetValueOrDefault("VERSION_CODENAME"), kv.GetValueOrDefault("PRETTY_NAME"));
                }
                else if (name == "var/lib/dpkg/status")
                {
                    packages.RemoveAll(p => p.Type == "deb");
                    packages.AddRange(ParseDpkg(ReadLines(e.DataStream), i, diffIds[i].ToString()));
                }
            }
            i++;
        }
        var image = new ImageInfo($"{target.Repository}:{target.Tag}", $"{target.Repository}:{target.Tag}", "registry", target.ManifestDigest, target.IndexDigest, configDigest, target.Platform, layers);
        return new IndexReport(image, distro, packages, [], ["fixture-dpkg"]);
    }

    public Task<ScanResult> MatchAsync(IndexReport index, CancellationToken cancellationToken)
    {
        List<FixtureAdvisory> current;
        DatabaseInfo db;
        lock (gate) { current = advisories; db = info; }
        var ns = index.Os is { } os ? $"{os.Id}:{os.VersionId?.Split('.')[0]}" : "";
        var findings = new List<Finding>();
        foreach (var p in index.Packages)
        {
            foreach (var a in current.Where(a => a.Namespace == ns && a.Source == p.SourceName && a.Affected.Contains(p.Version)))
            {
                SeverityText.TryParse(a.Severity, out var sev);
                findings.Add(new Finding(a.Id, p.Name, p.Type, p.Purl, p.Version, a.Fixed, $"< {a.Fixed ?? "(none)"}", sev, "debian",
                    a.Fixed is null ? FindingStatus.NotFixed : FindingStatus.Fixed, "debian", ns, a.Cvss, null, a.Description, [], null, null, p.LayerIndex, p.LayerDiffId));
            }
        }
        var verdict = new Verdict(Outcome.Pass, Verdict.ExitCodes.Pass, []);
        return Task.FromResult(new ScanResult(index.Target, index.Os, index.Packages, findings, db, verdict, index.Warnings, DateTimeOffset.UtcNow, "fixture"));
    }

    public Task<DatabaseInfo?> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        lock (gate) return Task.FromResult<DatabaseInfo?>(info);
    }

    public Task<DatabaseInfo> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var (a, i) = Load(path);
        lock (gate) { advisories = a; info = i; }
        return Task.FromResult(i);
    }

    private static (List<FixtureAdvisory>, DatabaseInfo) Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        List<FixtureAdvisory> list;
        try
        {
            list = JsonSerializer.Deserialize(bytes, FixtureJson.Default.ListFixtureAdvisory) ?? [];
        }
        catch (JsonException e)
        {
            throw new Vigil.Core.VigilException(Vigil.Core.ErrorKind.InvalidInput, $"not an advisory fixture: {e.Message}");
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var now = DateTimeOffset.UtcNow;
        return (list, new DatabaseInfo("fixture", 1, now, [new FeedProvenance("debian", "fixture-json", path, now, sha, list.Count)], list.Count));
    }

    private static IEnumerable<string> ReadLines(Stream s)
    {
        using var r = new StreamReader(s, leaveOpen: true);
        while (r.ReadLine() is { } line) yield return line;
    }

    private static IEnumerable<Package> ParseDpkg(IEnumerable<string> lines, int layer, string diffId)
    {
        var fields = new Dictionary<string, string>();
        foreach (var line in lines.Append(""))
        {
            if (line.Length == 0)
            {
                if (fields.TryGetValue("Package", out var name) && fields.TryGetValue("Version", out var version))
                {
                    var source = fields.GetValueOrDefault("Source", name).Split(' ')[0];
                    yield return new Package(name, version, "deb", $"pkg:deb/debian/{name}@{PackageUrl.Encode(version)}", source, version,
                        fields.GetValueOrDefault("Architecture"), [], "var/lib/dpkg/status", "fixture-dpkg", layer, diffId);
                }
                fields.Clear();
                continue;
            }
            if (line[0] is ' ' or '\t') continue;
            var colon = line.IndexOf(':');
            if (colon > 0) fields[line[..colon]] = line[(colon + 1)..].Trim();
        }
    }
}

public sealed record FixtureAdvisory(string Id, string Namespace, string Source, IReadOnlyList<string> Affected, string? Fixed, string Severity, double? Cvss, string Description);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<FixtureAdvisory>))]
public sealed partial class FixtureJson : System.Text.Json.Serialization.JsonSerializerContext;
