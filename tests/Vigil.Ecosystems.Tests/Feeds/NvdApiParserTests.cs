using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Ecosystems.Feeds;
using Vigil.Ecosystems.Nvd.Feed;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Feeds;

public sealed class NvdApiParserTests
{
    private static IEnumerable<JsonElement> Cves(JsonElement root) =>
        root.TryGetProperty("vulnerabilities", out var v) ? v.EnumerateArray().Select(x => x.GetProperty("cve"))
        : root.TryGetProperty("item", out var item) ? [item.GetProperty("cve")]
        : [root];

    [Theory]
    [InlineData("testdata/advisories/nvd/nvd-api-2.0-page")]
    [InlineData("testdata/advisories/nvd/nvd-api-2.0-cve")]
    [InlineData("testdata/advisories/nvd/vunnel-wrapped")]
    [InlineData("testdata/advisories/nvd/claircore/claircore-cvss-feed.json")]
    public async Task Every_cvss_metric_and_the_english_description_are_kept(string relative)
    {
        var path = SharedData.Require(relative);
        var parser = new NvdApiParser();
        Assert.True(parser.Recognizes(FeedInputs.For(path)));
        var advisories = await FeedInputs.ParseAllAsync(parser, path);
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json") : [path];
        var expectedCount = 0;
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var cve in Cves(doc.RootElement))
            {
                var id = cve.GetProperty("id").GetString();
                if (cve.TryGetProperty("vulnStatus", out var status) && status.GetString() == "Rejected")
                {
                    Assert.DoesNotContain(advisories, a => a.Id == id);
                    continue;
                }
                expectedCount++;
                var advisory = advisories.First(a => a.Id == id);
                Assert.Equal("nvd", advisory.Feed);
                Assert.Empty(advisory.Affected);
                var english = cve.GetProperty("descriptions").EnumerateArray().First(d => d.GetProperty("lang").GetString() == "en").GetProperty("value").GetString();
                Assert.Equal(english, advisory.Description);
                var metrics = cve.TryGetProperty("metrics", out var m)
                    ? m.EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(x => (
                        x.GetProperty("cvssData").GetProperty("vectorString").GetString(),
                        x.GetProperty("cvssData").GetProperty("baseScore").GetDouble(),
                        x.GetProperty("source").GetString())).ToHashSet()
                    : [];
                Assert.Equal(metrics, advisory.Cvss.Select(c => ((string?)c.Vector, c.BaseScore, c.Source)).ToHashSet());
            }
        }
        Assert.Equal(expectedCount, advisories.Count);
    }

    [Fact]
    public async Task Cvss_scores_computed_from_vectors_agree_with_nvd()
    {
        var compared = 0;
        foreach (var file in Directory.GetFiles(SharedData.Require("testdata/advisories/nvd"), "*.json", SearchOption.AllDirectories))
        {
            foreach (var advisory in await FeedInputs.ParseAllAsync(new NvdApiParser(), file))
            {
                foreach (var c in advisory.Cvss.Where(c => c.Version != "4.0"))
                {
                    Assert.True(CvssScoring.TryScore(c.Vector, out var version, out var score), c.Vector);
                    Assert.Equal(c.Version, version);
                    Assert.Equal(c.BaseScore, score);
                    compared++;
                }
            }
        }
        Assert.True(compared > 50, $"only {compared} vectors compared");
    }

    [Fact]
    public async Task Severity_is_nvd_primary_score_rating()
    {
        var path = SharedData.Require("testdata/advisories/nvd/nvd-api-2.0-cve/CVE-2022-26582.json");
        var advisory = Assert.Single(await FeedInputs.ParseAllAsync(new NvdApiParser(), path));
        Assert.Equal(Severity.High, advisory.Severity);
        Assert.Equal(new DateTimeOffset(2022, 12, 16, 22, 15, 8, 973, TimeSpan.Zero), advisory.Published);
    }
}
