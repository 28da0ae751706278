using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Ecosystems.Debian.Feed;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Feeds;

public sealed class DebianTrackerJsonParserTests
{
    private const string Sample = "testdata/advisories/excerpts/vunnel/debian/input/debian.json";

    [Fact]
    public async Task Every_release_statement_of_the_file_is_an_affected_package_with_the_stated_fix_and_urgency()
    {
        var path = SharedData.Require(Sample);
        var advisories = await FeedInputs.ParseAllAsync(new DebianTrackerJsonParser(), path);
        var index = advisories.SelectMany(a => a.Affected.Select(p => (a, p))).ToDictionary(x => (x.a.Id, x.p.Namespace, x.p.Package));

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var expected = 0;
        foreach (var package in doc.RootElement.EnumerateObject())
        {
            foreach (var cve in package.Value.EnumerateObject())
            {
                if (cve.Value.GetProperty("releases").ValueKind != JsonValueKind.Object) continue;
                foreach (var release in cve.Value.GetProperty("releases").EnumerateObject())
                {
                    expected++;
                    var ns = release.Name == "sid" ? "debian:unstable" : DebianReleases.Namespace(release.Name);
                    var (advisory, affected) = index[(cve.Name, ns, package.Name)];
                    Assert.Equal("debian", advisory.Feed);
                    Assert.Equal("deb", affected.Scheme);
                    var urgency = release.Value.GetProperty("urgency").GetString();
                    Assert.Equal(urgency, affected.Urgency);
                    var status = release.Value.GetProperty("status").GetString();
                    var fix = release.Value.TryGetProperty("fixed_version", out var f) ? f.GetString() : null;
                    if (status == "resolved" && fix == "0")
                    {
                        Assert.Equal(AffectedState.NotAffected, affected.State);
                    }
                    else if (status == "resolved")
                    {
                        Assert.Equal(AffectedState.Affected, affected.State);
                        Assert.Equal(fix, affected.FixedVersion);
                        Assert.Equal(fix, affected.Ranges.Single().Events[1].Fixed);
                        Assert.Equal("0", affected.Ranges.Single().Events[0].Introduced);
                    }
                    else if (urgency == "end-of-life")
                    {
                        Assert.Equal(AffectedState.WontFix, affected.State);
                    }
                    else
                    {
                        Assert.Equal(AffectedState.Affected, affected.State);
                        Assert.Null(affected.FixedVersion);
                    }
                    if (cve.Value.TryGetProperty("description", out var d)) Assert.Equal(d.GetString(), advisory.Description);
                }
            }
        }
        Assert.Equal(expected, index.Count);
        Assert.True(expected > 20);
    }

    [Theory]
    [InlineData("unimportant", Severity.Negligible)]
    [InlineData("low**", Severity.Low)]
    [InlineData("medium", Severity.Medium)]
    [InlineData("high**", Severity.High)]
    [InlineData("not yet assigned", null)]
    [InlineData("end-of-life", null)]
    [InlineData("", null)]
    public void Urgency_maps_to_severity(string urgency, Severity? expected) => Assert.Equal(expected, DebianReleases.Severity(urgency));

    [Theory]
    [InlineData("jessie", "debian:8")]
    [InlineData("stretch", "debian:9")]
    [InlineData("buster", "debian:10")]
    [InlineData("bullseye", "debian:11")]
    [InlineData("bookworm", "debian:12")]
    [InlineData("trixie", "debian:13")]
    [InlineData("forky", "debian:14")]
    [InlineData("sid", "debian:unstable")]
    public void Codenames_map_to_namespaces(string codename, string ns) => Assert.Equal(ns, DebianReleases.Namespace(codename));

    [Fact]
    public async Task A_truncated_tracker_file_is_a_clear_invalid_input_error_naming_the_file()
    {
        var path = SharedData.Require(Sample);
        var bytes = File.ReadAllBytes(path);
        var cut = Path.Combine(Path.GetTempPath(), $"vigil-truncated-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        try
        {
            var parser = new DebianTrackerJsonParser();
            Assert.True(parser.Recognizes(FeedInputs.For(cut)));
            var e = await Assert.ThrowsAsync<VigilException>(() => FeedInputs.ParseAllAsync(parser, cut));
            Assert.Equal(ErrorKind.InvalidInput, e.Kind);
            Assert.Contains(cut, e.Message, StringComparison.Ordinal);
            Assert.NotNull(e.Hint);
        }
        finally
        {
            File.Delete(cut);
        }
    }
}
