using System.Security.Cryptography;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.TestKit;

namespace Vigil.Database.Tests.Import;

public sealed class DistroFeedsImportTests(DistroFeedsDatabaseFixture fixture) : IClassFixture<DistroFeedsDatabaseFixture>
{
    /// <summary>The statements an advisory list makes, keyed the way a scan asks.</summary>
    private static Dictionary<(string Ns, string Pkg), List<(string Id, AffectedPackage P)>> ByPackage(IEnumerable<Advisory> advisories) =>
        advisories.SelectMany(a => a.Affected.Select(p => (a.Id, p)))
            .GroupBy(x => (x.p.Namespace, x.p.Package))
            .ToDictionary(g => g.Key, g => g.ToList());

    private static string Key(string id, AffectedPackage p) =>
        $"{id}|{p.State}|{p.FixedVersion}|{p.Urgency}|{p.Severity}|{p.Note}|{string.Join(";", p.Ranges.SelectMany(r => r.Events).Select(e => $"{e.Introduced},{e.Fixed},{e.LastAffected},{e.Limit}"))}";

    [Theory]
    [InlineData("testdata/advisories/alpine-secdb-vuln-list")]
    [InlineData("testdata/advisories/alpine-secdb-legacy")]
    [InlineData("testdata/advisories/excerpts/vunnel/debian/input/debian.json")]
    public async Task FindAsync_returns_exactly_what_the_source_states_for_every_package(string relative)
    {
        var db = fixture.Require();
        var expected = ByPackage(await DistroFeedsDatabaseFixture.ParseAsync(relative));
        await using var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        foreach (var ((ns, pkg), statements) in expected)
        {
            var hits = await store.FindAsync(ns, pkg, CancellationToken.None);
            var actual = hits.Select(h => Key(h.Advisory.Id, h.Affected)).ToHashSet();
            foreach (var (id, p) in statements)
            {
                // Namespaces shared by several Debian sources: the later import's word stands, so only ids unique to this source are compared exactly.
                Assert.Contains(hits, h => h.Advisory.Id == id);
                if (relative.Contains("alpine", StringComparison.Ordinal)) Assert.Contains(Key(id, p), actual);
            }
            Assert.All(hits, h => Assert.Equal((ns, pkg), (h.Affected.Namespace, h.Affected.Package)));
        }
    }

    [Fact]
    public async Task The_vuln_list_statements_for_bookworm_are_found_as_the_files_say()
    {
        var db = fixture.Require();
        await using var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        var glibc = await store.FindAsync("debian:12", "glibc", CancellationToken.None);
        var hit = Assert.Single(glibc, h => h.Advisory.Id == "CVE-2023-4911");
        Assert.Equal((AffectedState.Affected, "2.36-9+deb12u3"), (hit.Affected.State, hit.Affected.FixedVersion));
        Assert.Contains("DSA-5514-1", hit.Advisory.Aliases);

        var coreutils = Assert.Single(await store.FindAsync("debian:12", "coreutils", CancellationToken.None), h => h.Advisory.Id == "CVE-2016-2781");
        Assert.Equal(AffectedState.WontFix, coreutils.Affected.State);
        Assert.Equal("ignored: Minor issue", coreutils.Affected.Note);

        var xz = Assert.Single(await store.FindAsync("debian:12", "xz-utils", CancellationToken.None), h => h.Advisory.Id == "CVE-2024-3094");
        Assert.Equal(AffectedState.NotAffected, xz.Affected.State);

        Assert.Empty(await store.FindAsync("debian:12", "no-such-package", CancellationToken.None));
        Assert.True(await store.HasNamespaceAsync("debian:12", CancellationToken.None));
        Assert.True(await store.HasNamespaceAsync("alpine:3.18", CancellationToken.None));
        Assert.False(await store.HasNamespaceAsync("debian:99", CancellationToken.None));
    }

    [Fact]
    public async Task Provenance_records_each_source_with_its_sha256_and_counts()
    {
        var db = fixture.Require();
        var status = await AdvisoryDatabase.GetStatusAsync(db, CancellationToken.None);
        Assert.Equal(DistroFeedsDatabaseFixture.Sources.Length, status.Imports.Count);
        Assert.Equal(["debian-tracker-json", "debian-tracker-lists", "debian-vuln-list", "alpine-secdb-json", "alpine-secdb-yaml"], status.Imports.Select(i => i.Format));

        var json = status.Imports[0];
        var path = SharedData.Require(DistroFeedsDatabaseFixture.Sources[0]);
        Assert.Equal(path, json.Source);
        Assert.Equal("debian", json.Feed);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), json.InputSha256);
        Assert.Equal((await DistroFeedsDatabaseFixture.ParseAsync(DistroFeedsDatabaseFixture.Sources[0])).Count, json.Records);
        Assert.All(status.Imports, i => Assert.Matches("^[0-9a-f]{64}$", i.InputSha256));
        Assert.All(status.Imports, i => Assert.True(i.Records > 0));

        Assert.Equal(1, status.SchemaVersion);
        Assert.NotNull(status.BuiltAt);
        Assert.True(status.Age >= TimeSpan.Zero);
        Assert.Contains(status.Feeds, f => f.Feed == "debian" && f.Advisories > 1000);
        Assert.Contains(status.Feeds, f => f.Feed == "alpine" && f.Advisories > 100);
        Assert.Contains(status.Namespaces, n => n.Namespace == "alpine:3.9");
        Assert.Contains(status.Namespaces, n => n.Namespace == "debian:12");
    }

    [Fact]
    public async Task Re_importing_a_source_replaces_its_rows_without_duplicates()
    {
        var db = fixture.Require();
        using var dir = new TempDirectory();
        var copy = dir.Combine("copy.db");
        File.Copy(db, copy);
        var source = SharedData.Require("testdata/advisories/alpine-secdb-vuln-list");
        await using (var before = await AdvisoryDatabase.OpenAsync(copy, CancellationToken.None))
        {
            var first = await before.FindAsync("alpine:3.18", "openssl", CancellationToken.None);
            await before.DisposeAsync();
            await DatabaseImporter.ImportAsync(copy, [source], Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
            await using var after = await AdvisoryDatabase.OpenAsync(copy, CancellationToken.None);
            var second = await after.FindAsync("alpine:3.18", "openssl", CancellationToken.None);
            Assert.Equal(first.Count, second.Count);
            Assert.Equal(first.Select(h => h.Advisory.Id).Order(), second.Select(h => h.Advisory.Id).Order());
            var status = await AdvisoryDatabase.GetStatusAsync(copy, CancellationToken.None);
            Assert.Single(status.Imports, i => i.Source == source);
            Assert.Equal(DistroFeedsDatabaseFixture.Sources.Length, status.Imports.Count);
        }
    }

    [Fact]
    public async Task FindAsync_is_safe_to_call_concurrently()
    {
        var db = fixture.Require();
        await using var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        var expected = (await store.FindAsync("alpine:3.9", "xen", CancellationToken.None)).Count;
        Assert.True(expected > 10);
        var counts = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () => (await store.FindAsync("alpine:3.9", "xen", CancellationToken.None)).Count)));
        Assert.All(counts, c => Assert.Equal(expected, c));
    }

    [Fact]
    public async Task GetInfoAsync_reports_what_the_scan_result_carries()
    {
        var db = fixture.Require();
        IAdvisoryStore store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        var info = await store.GetInfoAsync(CancellationToken.None);
        Assert.Equal(db, info.Path);
        Assert.Equal(DistroFeedsDatabaseFixture.Sources.Length, info.Imports.Count);
        Assert.True(info.AdvisoryCount > 1000);
        await ((AdvisoryDatabase)store).DisposeAsync();
    }
}
