using Vigil.Core;
using Vigil.Database.Tests.Import;
using Vigil.TestKit;

namespace Vigil.Database.Tests.Store;

public sealed class OpenDatabaseTests
{
    [Fact]
    public async Task A_missing_database_is_a_database_error_whose_hint_gives_the_import_command()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("absent.db");
        var e = await Assert.ThrowsAsync<VigilException>(() => AdvisoryDatabase.OpenAsync(db, CancellationToken.None));
        Assert.Equal(ErrorKind.Database, e.Kind);
        Assert.Contains(db, e.Message, StringComparison.Ordinal);
        Assert.Contains("vigil db import", e.Hint, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task A_database_of_another_schema_is_refused_with_the_rebuild_command()
    {
        var source = SharedData.Require("testdata/advisories/alpine-secdb-vuln-list");
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");
        await DatabaseImporter.ImportAsync(db, [source], Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
        AtomicImportTests.SetSchemaVersion(db, "2");
        var e = await Assert.ThrowsAsync<VigilException>(() => AdvisoryDatabase.OpenAsync(db, CancellationToken.None));
        Assert.Equal(ErrorKind.Database, e.Kind);
        Assert.Contains("schema 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("vigil db import", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_is_a_database_error()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("garbage.db");
        File.WriteAllText(db, "this is not a database, just text that is long enough to look like a header of something");
        var e = await Assert.ThrowsAsync<VigilException>(() => AdvisoryDatabase.OpenAsync(db, CancellationToken.None));
        Assert.Equal(ErrorKind.Database, e.Kind);
        Assert.Contains("vigil db import", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_path_is_the_option_else_the_environment_else_the_cache_directory()
    {
        var savedDb = Environment.GetEnvironmentVariable("VIGIL_DB");
        var savedXdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("VIGIL_DB", "/tmp/from-env.db");
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/tmp/xdg-cache");
            Assert.Equal("/tmp/option.db", DatabasePath.Resolve("/tmp/option.db"));
            Assert.Equal("/tmp/from-env.db", DatabasePath.Resolve(null));
            Environment.SetEnvironmentVariable("VIGIL_DB", null);
            Assert.Equal("/tmp/xdg-cache/vigil/vigil.db", DatabasePath.Resolve(""));
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", null);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.Equal(Path.Combine(home, ".cache", "vigil", "vigil.db"), DatabasePath.Resolve(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable("VIGIL_DB", savedDb);
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", savedXdg);
        }
    }
}
