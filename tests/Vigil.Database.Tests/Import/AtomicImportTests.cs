using Microsoft.Data.Sqlite;
using Vigil.Core;
using Vigil.TestKit;

namespace Vigil.Database.Tests.Import;

public sealed class AtomicImportTests
{
    private const string DebianJson = "testdata/advisories/excerpts/vunnel/debian/input/debian.json";

    private static Task<ImportSummary> ImportAsync(string db, params string[] sources) =>
        DatabaseImporter.ImportAsync(db, sources, Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);

    [Fact]
    public async Task A_single_source_db_answers_exactly_what_the_parser_read()
    {
        var source = SharedData.Require(DebianJson);
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");
        var summary = await ImportAsync(db, source);
        var parsed = await DistroFeedsDatabaseFixture.ParseAsync(DebianJson);
        Assert.Equal(parsed.Count, Assert.Single(summary.Sources).Records);

        await using var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        foreach (var group in parsed.SelectMany(a => a.Affected.Select(p => (a, p))).GroupBy(x => (x.p.Namespace, x.p.Package)))
        {
            var hits = await store.FindAsync(group.Key.Namespace, group.Key.Package, CancellationToken.None);
            Assert.Equal(group.Count(), hits.Count);
            foreach (var (a, p) in group)
            {
                var hit = Assert.Single(hits, h => h.Advisory.Id == a.Id);
                Assert.Equal(p with { Ranges = [], Versions = [] }, hit.Affected with { Ranges = [], Versions = [] });
                Assert.Equal(p.Ranges.SelectMany(r => r.Events), hit.Affected.Ranges.SelectMany(r => r.Events));
                Assert.Equal(a.Description, hit.Advisory.Description);
                Assert.Equal("debian", hit.Advisory.Feed);
            }
        }
    }

    [Fact]
    public async Task A_failing_import_leaves_the_previous_database_byte_identical()
    {
        var good = SharedData.Require(DebianJson);
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");
        await ImportAsync(db, good);
        var before = File.ReadAllBytes(db);

        var truncated = dir.Combine("cut.json");
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 2 / 3)]);
        var alpine = SharedData.Require("testdata/advisories/alpine-secdb-vuln-list");

        var e = await Assert.ThrowsAsync<VigilException>(() => ImportAsync(db, alpine, truncated));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains(truncated, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
        Assert.Equal(["vigil.db", "cut.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).OrderDescending());
    }

    [Fact]
    public async Task An_unrecognised_source_names_the_known_formats_and_changes_nothing()
    {
        var good = SharedData.Require(DebianJson);
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");
        await ImportAsync(db, good);
        var before = File.ReadAllBytes(db);
        var random = dir.Combine("random.bin");
        var noise = new byte[10_000];
        new Random(7).NextBytes(noise);
        File.WriteAllBytes(random, noise);

        var e = await Assert.ThrowsAsync<VigilException>(() => ImportAsync(db, random));
        Assert.Equal(ErrorKind.Unsupported, e.Kind);
        Assert.Contains(random, e.Message, StringComparison.Ordinal);
        Assert.Contains("debian-tracker-json", e.Hint, StringComparison.Ordinal);
        Assert.Contains("alpine-secdb-yaml", e.Hint, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));

        var missing = await Assert.ThrowsAsync<VigilException>(() => ImportAsync(db, dir.Combine("nope.json")));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public async Task The_temp_file_of_a_killed_import_is_ignored_and_removed()
    {
        var good = SharedData.Require(DebianJson);
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");
        await ImportAsync(db, good);
        // What a killed import leaves: a half-written copy beside the database.
        var stale = db + ".import-99999-0123456789abcdef0123456789abcdef.tmp";
        File.WriteAllBytes(stale, new byte[1000]);
        var staleDownload = db + ".download-0123.tmp";
        File.WriteAllBytes(staleDownload, new byte[10]);

        await using (var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None))
        {
            Assert.NotEmpty(await store.FindAsync("debian:10", "prototypejs", CancellationToken.None));
        }
        await ImportAsync(db, good);
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleDownload));
    }

    [Fact]
    public async Task An_import_into_a_database_of_another_schema_rebuilds_it()
    {
        var good = SharedData.Require(DebianJson);
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");
        await ImportAsync(db, good);
        SetSchemaVersion(db, "999");

        var summary = await ImportAsync(db, good);
        Assert.True(summary.ReplacedIncompatible);
        await using var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        Assert.Single((await AdvisoryDatabase.GetStatusAsync(db, CancellationToken.None)).Imports);
    }

    internal static void SetSchemaVersion(string db, string version)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "UPDATE meta SET value = $v WHERE key = 'schema_version'";
        cmd.Parameters.AddWithValue("$v", version);
        cmd.ExecuteNonQuery();
    }
}

public sealed class ImportSafetyTests
{
    [Fact]
    public async Task An_existing_file_that_is_not_a_vigil_database_is_never_overwritten()
    {
        var source = SharedData.Require("testdata/advisories/alpine-secdb-vuln-list");
        using var dir = new TempDirectory();
        var precious = dir.Combine("notes.db");
        File.WriteAllText(precious, "somebody's notes, not a database");
        var e = await Assert.ThrowsAsync<VigilException>(() =>
            DatabaseImporter.ImportAsync(precious, [source], Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None));
        Assert.Equal(ErrorKind.Database, e.Kind);
        Assert.Equal("somebody's notes, not a database", File.ReadAllText(precious));
    }

    [Fact]
    public async Task A_second_import_while_one_runs_is_refused()
    {
        var source = SharedData.Require("testdata/advisories/alpine-secdb-vuln-list");
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");
        // The lock the running import holds.
        await using (new FileStream(db + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var e = await Assert.ThrowsAsync<VigilException>(() =>
                DatabaseImporter.ImportAsync(db, [source], Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None));
            Assert.Equal(ErrorKind.Database, e.Kind);
            Assert.Contains("Another import", e.Message, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(db));
        await DatabaseImporter.ImportAsync(db, [source], Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
        Assert.True(File.Exists(db));
    }

    [Fact]
    public async Task Progress_is_reported_per_source()
    {
        var source = SharedData.Require("testdata/advisories/alpine-secdb-vuln-list");
        using var dir = new TempDirectory();
        var stages = new List<string>();
        var progress = new SynchronousProgress(p => stages.Add(p.Stage));
        await DatabaseImporter.ImportAsync(dir.Combine("vigil.db"), [source], Ecosystems.Ecosystems.FeedParsers, progress, CancellationToken.None);
        Assert.Equal(["parsing", "done"], stages);
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
