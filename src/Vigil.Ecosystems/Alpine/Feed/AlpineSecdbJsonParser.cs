using System.Runtime.CompilerServices;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Feeds;

namespace Vigil.Ecosystems.Alpine.Feed;

/// <summary>Alpine secdb JSON (secdb.alpinelinux.org vX.Y/main.json), a file or a tree of them; also vuln-list's per-package files.</summary>
public sealed class AlpineSecdbJsonParser : IFeedParser
{
    public string Feed => "alpine";

    public string Format => "alpine-secdb-json";

    public bool Recognizes(FeedInput input)
    {
        if (!input.IsDirectory) return IsSecdb(input.Head.Span);
        return FeedContent.FilesUnder(input.LocalPath, ".json").Take(50).Any(f => IsSecdb(FeedContent.ReadHead(f)));
    }

    private static bool IsSecdb(ReadOnlySpan<byte> head)
    {
        var names = JsonSniff.TopLevelProperties(head).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return names.Contains("distroversion") && (names.Contains("packages") || names.Contains("secfixes") || names.Contains("apkurl"));
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(FeedInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var docs = new List<AlpineSecdbDocument>();
        var files = input.IsDirectory ? FeedContent.FilesUnder(input.LocalPath, ".json") : [input.LocalPath];
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var name = input.IsDirectory ? $"{input.Source}/{Path.GetRelativePath(input.LocalPath, file)}" : input.Source;
            // In a tree, JSON that is not secdb (an index, a manifest) is not ours; a single file given must be.
            if (input.IsDirectory && !IsSecdb(bytes)) continue;
            docs.Add(Read(bytes, name));
        }
        foreach (var advisory in AlpineSecdbMapper.ToAdvisories(docs)) yield return advisory;
    }

    private static AlpineSecdbDocument Read(byte[] bytes, string name)
    {
        AlpineSecdbJson? json;
        try
        {
            json = JsonSerializer.Deserialize(bytes, AlpineFeedJsonContext.Default.AlpineSecdbJson);
        }
        catch (JsonException e)
        {
            throw FeedContent.Malformed(name, $"is not valid Alpine secdb JSON (line {e.LineNumber + 1}: {e.Message})", e);
        }
        if (json?.DistroVersion is not { Length: > 0 } distro) throw FeedContent.Malformed(name, "has no distroversion");
        var packages = new List<AlpineSecdbPackage>();
        if (json.Name is { Length: > 0 } flatName) packages.Add(new AlpineSecdbPackage(flatName, Fixes(json.Secfixes)));
        foreach (var p in json.Packages ?? [])
        {
            if (p.Pkg?.Name is not { Length: > 0 } pkgName) throw FeedContent.Malformed(name, "has a package without pkg.name");
            packages.Add(new AlpineSecdbPackage(pkgName, Fixes(p.Pkg.Secfixes)));
        }
        return new AlpineSecdbDocument(distro, json.RepoName, packages);
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>?> Fixes(Dictionary<string, List<string>?>? secfixes) =>
        (secfixes ?? []).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>?)kv.Value, StringComparer.Ordinal);
}
