using System.Text.Json;
using Vigil.TestKit;

namespace Vigil.Database.Tests.Import;

/// <summary>The OSV Go corpus (4291 files) and the NVD records, imported once for the class.</summary>
public sealed class OsvAndNvdDatabaseFixture : IAsyncLifetime
{
    public const string Go = "testdata/advisories/osv-go/osv";
    public const string Nvd = "testdata/advisories/nvd";
    private readonly TempDirectory _dir = new();

    public string DbPath => _dir.Combine("vigil.db");

    public ImportSummary? Summary { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (SharedData.Root is null) return;
        // The nvd folder mixes three NVD shapes; one directory import takes them all.
        Summary = await DatabaseImporter.ImportAsync(DbPath, [Path.Combine(SharedData.Root, Go), Path.Combine(SharedData.Root, Nvd)],
            Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
    }

    public string Require()
    {
        if (Summary is null) Assert.Skip("../shared is absent");
        return DbPath;
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class OsvAndNvdImportTests(OsvAndNvdDatabaseFixture fixture) : IClassFixture<OsvAndNvdDatabaseFixture>
{
    [Fact]
    public async Task Every_go_record_not_withdrawn_is_stored_and_found_by_module_path()
    {
        var db = fixture.Require();
        var dir = SharedData.Require(OsvAndNvdDatabaseFixture.Go);
        var files = Directory.GetFiles(dir, "*.json");
        var live = new List<JsonDocument>();
        foreach (var f in files)
        {
            var doc = JsonDocument.Parse(File.ReadAllBytes(f));
            if (doc.RootElement.TryGetProperty("withdrawn", out _)) doc.Dispose();
            else live.Add(doc);
        }
        var import = fixture.Summary!.Sources[0];
        Assert.Equal(("osv", "osv", (long)live.Count), (import.Feed, import.Format, import.Records));

        await using var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        foreach (var doc in live.Where((_, i) => i % 97 == 0))
        {
            var id = doc.RootElement.GetProperty("id").GetString()!;
            foreach (var a in doc.RootElement.GetProperty("affected").EnumerateArray())
            {
                var name = a.GetProperty("package").GetProperty("name").GetString()!;
                var hits = await store.FindAsync("osv:Go", name, CancellationToken.None);
                var mine = hits.Where(h => h.Advisory.Id == id).ToList();
                Assert.NotEmpty(mine);
                Assert.All(mine, h => Assert.Equal("go", h.Affected.Scheme));
                Assert.Equal(doc.RootElement.GetProperty("summary").GetString(), mine[0].Advisory.Summary);
            }
        }
        foreach (var doc in live) doc.Dispose();
    }

    [Fact]
    public async Task Nvd_cvss_is_returned_per_cve()
    {
        var db = fixture.Require();
        await using var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        var file = SharedData.Require("testdata/advisories/nvd/vunnel-wrapped/cve-2024-0727.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var expected = doc.RootElement.GetProperty("item").GetProperty("cve").GetProperty("metrics").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateArray())
            .Select(m => (m.GetProperty("cvssData").GetProperty("vectorString").GetString(), m.GetProperty("cvssData").GetProperty("baseScore").GetDouble()))
            .ToHashSet();
        var actual = await store.GetNvdCvssAsync("CVE-2024-0727", CancellationToken.None);
        Assert.Equal(expected, actual.Select(c => ((string?)c.Vector, c.BaseScore)).ToHashSet());
        Assert.Empty(await store.GetNvdCvssAsync("CVE-1999-99999", CancellationToken.None));
        Assert.Empty(await store.FindAsync("nvd", "CVE-2024-0727", CancellationToken.None));
    }

    [Fact]
    public async Task Status_counts_osv_and_nvd()
    {
        var db = fixture.Require();
        var status = await AdvisoryDatabase.GetStatusAsync(db, CancellationToken.None);
        Assert.Equal(["osv", "nvd-api"], status.Imports.Select(i => i.Format));
        Assert.Contains(status.Namespaces, n => n.Namespace == "osv:Go" && n.Packages > 1000);
        Assert.Equal(status.Imports[1].Records, status.Feeds.Single(f => f.Feed == "nvd").Advisories);
    }
}
