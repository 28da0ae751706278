using System.Runtime.CompilerServices;
using System.Text;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Feeds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Ecosystems.Alpine.Feed;

/// <summary>The legacy alpine-secdb YAML (v3.X/main.yaml), same structure as the JSON; a file or a tree of them.</summary>
public sealed class AlpineSecdbYamlParser : IFeedParser
{
    public string Feed => "alpine";

    public string Format => "alpine-secdb-yaml";

    public bool Recognizes(FeedInput input)
    {
        if (!input.IsDirectory) return IsSecdb(input.Head.Span);
        return FeedContent.FilesUnder(input.LocalPath, ".yaml", ".yml").Take(50).Any(f => IsSecdb(FeedContent.ReadHead(f)));
    }

    private static bool IsSecdb(ReadOnlySpan<byte> head)
    {
        if (FeedContent.LooksLikeJsonObject(head)) return false;
        var text = FeedContent.HeadText(head);
        if (text is null) return false;
        var lines = text.Split('\n');
        return lines.Any(l => l.StartsWith("distroversion:", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("packages:", StringComparison.Ordinal));
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(FeedInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var docs = new List<AlpineSecdbDocument>();
        var files = input.IsDirectory ? FeedContent.FilesUnder(input.LocalPath, ".yaml", ".yml") : [input.LocalPath];
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = input.IsDirectory ? $"{input.Source}/{Path.GetRelativePath(input.LocalPath, file)}" : input.Source;
            if (input.IsDirectory && !IsSecdb(FeedContent.ReadHead(file))) continue;
            var text = await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken);
            docs.Add(Read(text, name));
        }
        foreach (var advisory in AlpineSecdbMapper.ToAdvisories(docs)) yield return advisory;
    }

    private static AlpineSecdbDocument Read(string text, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw FeedContent.Malformed(name, $"is not valid YAML (line {e.Start.Line}: {e.Message})", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw FeedContent.Malformed(name, "is not an Alpine secdb YAML mapping");
        var distro = Scalar(root, "distroversion") ?? throw FeedContent.Malformed(name, "has no distroversion");
        var packages = new List<AlpineSecdbPackage>();
        if (Child(root, "packages") is YamlSequenceNode seq)
        {
            foreach (var item in seq)
            {
                if (item is not YamlMappingNode entry || Child(entry, "pkg") is not YamlMappingNode pkg || Scalar(pkg, "name") is not { Length: > 0 } pkgName)
                    throw FeedContent.Malformed(name, $"has a package without pkg.name (line {item.Start.Line})");
                var fixes = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
                if (Child(pkg, "secfixes") is YamlMappingNode secfixes)
                {
                    foreach (var (k, v) in secfixes.Children)
                    {
                        var version = (k as YamlScalarNode)?.Value ?? throw FeedContent.Malformed(name, $"has a non-scalar secfixes key (line {k.Start.Line})");
                        fixes[version] = v is YamlSequenceNode ids ? ids.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList() : null;
                    }
                }
                packages.Add(new AlpineSecdbPackage(pkgName, fixes));
            }
        }
        return new AlpineSecdbDocument(distro, Scalar(root, "reponame"), packages);
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;
}
