using Vigil.Core.Seams;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Feeds;

/// <summary>Every registered feed parser is complete: a unique format, a known feed, a sample it recognises and the others refuse.</summary>
public sealed class FeedParserRegistrationTests
{
    /// <summary>One real sample per format (a file or a directory under shared/).</summary>
    public static readonly IReadOnlyDictionary<string, string> Samples = new Dictionary<string, string>
    {
        ["debian-tracker-json"] = "testdata/advisories/excerpts/vunnel/debian/input/debian.json",
        ["debian-tracker-lists"] = "testdata/advisories/debian-tracker-2023-04",
        ["debian-vuln-list"] = "testdata/advisories/debian-vuln-list-sample",
        ["alpine-secdb-json"] = "testdata/advisories/excerpts/vuls-data-update/fetch/alpine/secdb/fixtures/v3.16/main.json",
        ["alpine-secdb-yaml"] = "testdata/advisories/alpine-secdb-legacy/v3.9/main.yaml",
        ["osv"] = "testdata/advisories/osv-crates/osv/RUSTSEC-2016-0001.json",
        ["nvd-api"] = "testdata/advisories/nvd/nvd-api-2.0-page/vunnel-full-page.json",
    };

    public static TheoryData<string> Formats() => new(Ecosystems.FeedParsers.Select(p => p.Format));

    [Fact]
    public void Formats_are_unique_and_feeds_known()
    {
        var parsers = Ecosystems.FeedParsers;
        Assert.NotEmpty(parsers);
        Assert.Equal(parsers.Count, parsers.Select(p => p.Format).Distinct(StringComparer.Ordinal).Count());
        Assert.All(parsers, p => Assert.Contains(p.Feed, new[] { "debian", "alpine", "osv", "nvd" }));
        Assert.All(parsers, p => Assert.Matches("^[a-z0-9-]+$", p.Format));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_parser_recognises_its_sample_and_no_other_parser_does(string format)
    {
        Assert.True(Samples.ContainsKey(format), $"format {format} has no sample in {nameof(Samples)}");
        var input = FeedInputs.For(SharedData.Require(Samples[format]));
        var recognising = Ecosystems.FeedParsers.Where(p => p.Recognizes(input)).Select(p => p.Format).ToList();
        Assert.Equal([format], recognising);
    }

    [Fact]
    public void Random_bytes_and_unrelated_json_are_recognised_by_nobody()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"vigil-unknown-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var random = Path.Combine(dir, "random.bin");
            var bytes = new byte[4096];
            new Random(42).NextBytes(bytes);
            File.WriteAllBytes(random, bytes);
            var json = Path.Combine(dir, "other.json");
            File.WriteAllText(json, "{\"name\":\"not a feed\",\"items\":[1,2,3]}");
            var empty = Path.Combine(dir, "empty.json");
            File.WriteAllText(empty, "");
            foreach (var path in new[] { random, json, empty, dir })
            {
                var input = FeedInputs.For(path);
                Assert.Empty(Ecosystems.FeedParsers.Where(p => p.Recognizes(input)).Select(p => p.Format));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
