using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Ecosystems.Alpine.Feed;
using Vigil.TestKit;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Vigil.Ecosystems.Tests.Feeds;

public sealed class AlpineSecdbParserTests
{
    /// <summary>(namespace, package, id, fixed version) as the file states it, read independently of the parser.</summary>
    private static HashSet<(string, string, string, string)> ExpectedFromJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var ns = "alpine:" + root.GetProperty("distroversion").GetString()!.TrimStart('v');
        var set = new HashSet<(string, string, string, string)>();
        IEnumerable<JsonElement> pkgs = root.TryGetProperty("packages", out var p) ? p.EnumerateArray().Select(x => x.GetProperty("pkg")) : [root];
        foreach (var pkg in pkgs)
        {
            if (!pkg.TryGetProperty("secfixes", out var fixes)) continue;
            foreach (var fix in fixes.EnumerateObject())
            {
                foreach (var id in fix.Value.EnumerateArray()) set.Add((ns, pkg.GetProperty("name").GetString()!, id.GetString()!.Split(' ')[0], fix.Name));
            }
        }
        return set;
    }

    private static HashSet<(string, string, string, string)> Actual(IEnumerable<Advisory> advisories) =>
        advisories.SelectMany(a => a.Affected.Select(p => (p.Namespace, p.Package, a.Id, p.State == AffectedState.NotAffected ? "0" : p.FixedVersion!))).ToHashSet();

    [Theory]
    [InlineData("testdata/advisories/excerpts/vuls-data-update/fetch/alpine/secdb/fixtures/v3.16/main.json")]
    [InlineData("testdata/advisories/excerpts/vuls-data-update/fetch/alpine/secdb/fixtures/edge/main.json")]
    [InlineData("testdata/advisories/alpine-secdb-vuln-list/3.18/main/openssl.json")]
    public async Task A_json_file_gives_exactly_its_secfixes(string relative)
    {
        var path = SharedData.Require(relative);
        var parser = new AlpineSecdbJsonParser();
        Assert.True(parser.Recognizes(FeedInputs.For(path)));
        var advisories = await FeedInputs.ParseAllAsync(parser, path);
        Assert.All(advisories, a => Assert.Equal("alpine", a.Feed));
        Assert.Equal(ExpectedFromJson(path), Actual(advisories));
    }

    [Fact]
    public async Task The_vuln_list_tree_gives_every_file_and_zero_means_not_affected()
    {
        var root = SharedData.Require("testdata/advisories/alpine-secdb-vuln-list");
        var advisories = await FeedInputs.ParseAllAsync(new AlpineSecdbJsonParser(), root);
        var expected = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).SelectMany(ExpectedFromJson).ToHashSet();
        Assert.Equal(expected, Actual(advisories));

        var openssl318 = advisories.Single(a => a.Id == "CVE-2023-0286").Affected.Single(p => p.Namespace == "alpine:3.18" && p.Package == "openssl");
        Assert.Equal((AffectedState.Affected, "3.0.8-r0", "apk"), (openssl318.State, openssl318.FixedVersion, openssl318.Scheme));
        Assert.Equal(new RangeEvent(Introduced: "0"), openssl318.Ranges[0].Events[0]);
        Assert.Equal(new RangeEvent(Fixed: "3.0.8-r0"), openssl318.Ranges[0].Events[1]);
        var zero = advisories.Single(a => a.Id == "CVE-2022-1292").Affected.Single(p => p.Namespace == "alpine:3.18");
        Assert.Equal(AffectedState.NotAffected, zero.State);
        Assert.Null(zero.FixedVersion);
    }

    [Fact]
    public async Task The_legacy_yaml_tree_gives_exactly_its_secfixes_and_extra_tokens_become_aliases()
    {
        var root = SharedData.Require("testdata/advisories/alpine-secdb-legacy");
        var parser = new AlpineSecdbYamlParser();
        Assert.True(parser.Recognizes(FeedInputs.For(root)));
        var advisories = await FeedInputs.ParseAllAsync(parser, root);

        var expected = new HashSet<(string, string, string, string)>();
        foreach (var file in Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories))
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            var doc = (YamlMappingNode)yaml.Documents[0].RootNode;
            var ns = "alpine:" + ((YamlScalarNode)doc["distroversion"]).Value!.TrimStart('v');
            if (!doc.Children.TryGetValue("packages", out var packages) || packages is not YamlSequenceNode seq) continue;
            foreach (var item in seq.Cast<YamlMappingNode>())
            {
                var pkg = (YamlMappingNode)item["pkg"];
                if (!pkg.Children.TryGetValue("secfixes", out var fixes) || fixes is not YamlMappingNode map) continue;
                foreach (var (version, ids) in map.Children)
                {
                    if (ids is not YamlSequenceNode list) continue;
                    foreach (var id in list.Cast<YamlScalarNode>())
                    {
                        var tokens = id.Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        if (tokens.Length == 0) continue;
                        var first = tokens[0] == "CVE" && tokens.Length > 1 ? "CVE-" + tokens[1] : tokens[0];
                        expected.Add((ns, ((YamlScalarNode)pkg["name"]).Value!, first, ((YamlScalarNode)version).Value!));
                    }
                }
            }
        }
        Assert.Equal(expected, Actual(advisories));
        Assert.Contains("XSA-214", advisories.Single(a => a.Id == "CVE-2017-8904").Aliases);
        Assert.Contains(advisories, a => a.Id == "CVE-2018-16859");
    }

    [Fact]
    public async Task The_vunnel_yaml_file_is_read()
    {
        var path = SharedData.Require("testdata/advisories/excerpts/vunnel/alpine/input/secdb/v3.15/main.yaml");
        var advisories = await FeedInputs.ParseAllAsync(new AlpineSecdbYamlParser(), path);
        var zlib = advisories.Single(a => a.Id == "CVE-2022-37434").Affected.Single();
        Assert.Equal(("alpine:3.15", "zlib", "1.2.12-r2"), (zlib.Namespace, zlib.Package, zlib.FixedVersion));
    }

    [Theory]
    [InlineData("v3.18", "alpine:3.18")]
    [InlineData("edge", "alpine:edge")]
    public void Distroversion_maps_to_namespace(string distro, string ns) => Assert.Equal(ns, AlpineSecdbMapper.Namespace(distro));

    [Fact]
    public async Task Broken_yaml_is_a_clear_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "distroversion: v3.9\npackages:\n  - pkg:\n      name: x\n      secfixes: [unclosed\n");
        try
        {
            var e = await Assert.ThrowsAsync<VigilException>(() => FeedInputs.ParseAllAsync(new AlpineSecdbYamlParser(), path));
            Assert.Equal(ErrorKind.InvalidInput, e.Kind);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
