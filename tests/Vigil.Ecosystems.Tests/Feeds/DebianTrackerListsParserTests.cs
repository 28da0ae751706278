using System.Text.RegularExpressions;
using Vigil.Core.Model;
using Vigil.Ecosystems.Debian.Feed;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Feeds;

public sealed partial class DebianTrackerListsParserTests
{
    private static readonly string Fixture = RepoPaths.Fixture("feeds", "debian-lists");

    private static async Task<Dictionary<string, Advisory>> ParseFixtureAsync() =>
        (await FeedInputs.ParseAllAsync(new DebianTrackerListsParser(), Fixture)).ToDictionary(a => a.Id);

    private static AffectedPackage Statement(Dictionary<string, Advisory> all, string id, string ns, string package) =>
        all[id].Affected.Single(p => p.Namespace == ns && p.Package == package);

    [Fact]
    public async Task A_release_line_wins_then_the_dsa_fix_then_the_inherited_unstable_line()
    {
        var all = await ParseFixtureAsync();
        var cve = all["CVE-2099-0001"];
        Assert.Contains("DSA-9999-1", cve.Aliases);
        Assert.Equal("A made-up flaw in a library ...", cve.Description);

        var sid = Statement(all, "CVE-2099-0001", "debian:unstable", "libexample");
        Assert.Equal((AffectedState.Affected, "1.2-3", "low", Severity.Low), (sid.State, sid.FixedVersion, sid.Urgency, sid.Severity));

        // [bullseye] <no-dsa> in CVE/list beats the DSA's bullseye fix.
        var bullseye = Statement(all, "CVE-2099-0001", "debian:11", "libexample");
        Assert.Equal((AffectedState.Affected, null, "no-dsa: Minor issue"), (bullseye.State, bullseye.FixedVersion, bullseye.Note));
        Assert.Equal(Severity.Low, bullseye.Severity);

        var bookworm = Statement(all, "CVE-2099-0001", "debian:12", "libexample");
        Assert.Equal((AffectedState.Affected, "1.2-2+deb12u1"), (bookworm.State, bookworm.FixedVersion));

        Assert.Equal(AffectedState.NotAffected, Statement(all, "CVE-2099-0001", "debian:10", "libexample").State);

        // trixie has no line: the unstable fix bounds the range, but nothing says it reached trixie.
        var trixie = Statement(all, "CVE-2099-0001", "debian:13", "libexample");
        Assert.Equal(AffectedState.Affected, trixie.State);
        Assert.Null(trixie.FixedVersion);
        Assert.Equal("1.2-3", trixie.Ranges.Single().Events.Last().Fixed);
        Assert.StartsWith("inherited from unstable", trixie.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task States_follow_the_conventions()
    {
        var all = await ParseFixtureAsync();
        var sid = Statement(all, "CVE-2099-0002", "debian:unstable", "toolbox");
        Assert.Equal((AffectedState.Affected, (string?)null, Severity.Negligible), (sid.State, sid.FixedVersion, sid.Severity));
        var ignored = Statement(all, "CVE-2099-0002", "debian:12", "toolbox");
        Assert.Equal((AffectedState.WontFix, "ignored: Minor issue"), (ignored.State, ignored.Note));
        Assert.Equal(Severity.Negligible, ignored.Severity);
        Assert.Equal((AffectedState.Affected, "postponed: Revisit when fixed upstream"),
            (Statement(all, "CVE-2099-0002", "debian:11", "toolbox").State, Statement(all, "CVE-2099-0002", "debian:11", "toolbox").Note));
        Assert.Equal(AffectedState.WontFix, Statement(all, "CVE-2099-0002", "debian:9", "toolbox").State);

        Assert.False(all.ContainsKey("CVE-2099-0003"));
        Assert.All(all["CVE-2099-0004"].Affected, p => Assert.Equal(AffectedState.NotAffected, p.State));
        Assert.Equal(AffectedState.NotAffected, Statement(all, "CVE-2099-0005", "debian:unstable", "oldlib").State);
        Assert.Equal("2.0-1", Statement(all, "CVE-2099-0005", "debian:13", "oldlib").FixedVersion);
        Assert.Equal(AffectedState.NotAffected, Statement(all, "CVE-2099-0005", "debian:12", "oldlib").State);

        var placeholder = Assert.Single(all.Values, a => a.Id.StartsWith("TEMP-2099-", StringComparison.Ordinal));
        Assert.Equal("helper: a placeholder", placeholder.Description);
        Assert.Equal(Severity.Low, placeholder.Affected[0].Severity);

        Assert.DoesNotContain(all["CVE-2099-0006"].Affected, p => p.Package == "someitp");
        Assert.Equal(AffectedState.Affected, Statement(all, "CVE-2099-0006", "debian:unstable", "minizip").State);

        // A DSA without CVE ids is kept under its own id.
        Assert.Equal("6.1-1+deb12u9", Statement(all, "DSA-9998-1", "debian:12", "kernelish").FixedVersion);
    }

    [GeneratedRegex(@"^\[(?<rel>[a-z]+)\] - (?<pkg>\S+) (?<ver>[^\s<]\S*)$")]
    private static partial Regex ReleaseFix();

    [Fact]
    public async Task The_real_checkout_gives_each_advisory_list_fix_under_its_cves()
    {
        var checkout = SharedData.Require("testdata/advisories/debian-tracker-2023-04");
        var parser = new DebianTrackerListsParser();
        Assert.True(parser.Recognizes(FeedInputs.For(checkout)));
        var all = (await FeedInputs.ParseAllAsync(parser, checkout)).ToDictionary(a => a.Id);

        // Independently: the earliest advisory (lists are newest first) fixing (cve, release, package) gives the version.
        var expected = new Dictionary<(string, string, string), string>();
        foreach (var list in new[] { "DSA", "DLA" })
        {
            var lines = File.ReadAllLines(Path.Combine(checkout, "data", list, "list"));
            List<string> cves = [];
            foreach (var line in lines)
            {
                if (line.StartsWith('[')) cves = [];
                var t = line.Trim();
                if (t.StartsWith('{')) cves = t.Trim('{', '}').Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(c => c.StartsWith("CVE-", StringComparison.Ordinal)).ToList();
                var m = ReleaseFix().Match(t);
                if (!m.Success || !char.IsWhiteSpace(line[0])) continue;
                foreach (var cve in cves) expected[(cve, DebianReleases.Namespace(m.Groups["rel"].Value), m.Groups["pkg"].Value)] = m.Groups["ver"].Value;
            }
        }
        Assert.True(expected.Count > 10_000);
        var statements = all.Values.SelectMany(a => a.Affected.Select(p => (a.Id, p))).ToDictionary(x => (x.Id, x.p.Namespace, x.p.Package), x => x.p);
        foreach (var ((cve, ns, pkg), version) in expected)
        {
            var p = statements[(cve, ns, pkg)];
            if (version == "0") Assert.Equal(AffectedState.NotAffected, p.State);
            else Assert.Equal(version, p.FixedVersion);
        }
        Assert.Contains("DSA-5380-1", all["CVE-2023-1393"].Aliases);
        Assert.Contains("DLA-3372-1", all["CVE-2023-1393"].Aliases);
    }

    [Fact]
    public void A_single_dsa_list_file_is_recognised_by_content()
    {
        var file = SharedData.Require("testdata/advisories/excerpts/vunnel/debian/input/DSA");
        Assert.True(new DebianTrackerListsParser().Recognizes(FeedInputs.For(file)));
    }
}
