using Microsoft.Data.Sqlite;

namespace Vigil.Server.Storage;

/// <summary>
/// The registry's metadata in SQLite (WAL, synchronous=FULL): a committed transaction survives kill -9 and power loss,
/// and an uncommitted one is never seen. Tag updates and manifest links are single transactions for that reason.
/// </summary>
public sealed class MetadataDb
{
    private const int SchemaVersion = 1;
    private readonly string connectionString;

    public MetadataDb(string path)
    {
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var c = new SqliteConnection(connectionString);
        await c.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return c;
    }

    public SqliteConnection Open()
    {
        var c = new SqliteConnection(connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        cmd.ExecuteNonQuery();
        return c;
    }

    private void Migrate()
    {
        using var c = Open();
        using (var wal = c.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        using var tx = c.BeginTransaction();
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new Vigil.Core.VigilException(Vigil.Core.ErrorKind.Database,
                $"{c.DataSource} has metadata schema {version}, newer than this server's {SchemaVersion}",
                "run the newer vigil that wrote it, or point --data at another directory");
        }
        if (version < 1)
        {
            cmd.CommandText = """
                CREATE TABLE repositories (
                  name TEXT PRIMARY KEY,
                  scan_on_push INTEGER NOT NULL DEFAULT 1,
                  anonymous_pull INTEGER NOT NULL DEFAULT 0,
                  created_at TEXT NOT NULL);
                CREATE TABLE repo_blobs (
                  repo TEXT NOT NULL, digest TEXT NOT NULL, size INTEGER NOT NULL,
                  PRIMARY KEY (repo, digest));
                CREATE INDEX repo_blobs_digest ON repo_blobs(digest);
                CREATE TABLE manifests (
                  repo TEXT NOT NULL, digest TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL,
                  subject TEXT, artifact_type TEXT, annotations TEXT, created_at TEXT NOT NULL,
                  PRIMARY KEY (repo, digest));
                CREATE INDEX manifests_subject ON manifests(repo, subject);
                CREATE TABLE tags (
                  repo TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL, updated_at TEXT NOT NULL,
                  PRIMARY KEY (repo, tag));
                CREATE TABLE uploads (
                  id TEXT PRIMARY KEY, repo TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE users (
                  name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, is_admin INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
                CREATE TABLE grants (
                  user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                  scope TEXT NOT NULL, level INTEGER NOT NULL,
                  PRIMARY KEY (user, scope));
                CREATE TABLE access_tokens (
                  id TEXT PRIMARY KEY, user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                  name TEXT NOT NULL, secret_sha256 TEXT NOT NULL UNIQUE,
                  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT);
                CREATE TABLE index_reports (
                  manifest_digest TEXT NOT NULL, platform TEXT NOT NULL, report_json TEXT NOT NULL, created_at TEXT NOT NULL,
                  PRIMARY KEY (manifest_digest, platform));
                CREATE TABLE scans (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  repo TEXT NOT NULL, tag TEXT, digest TEXT NOT NULL, platform TEXT NOT NULL,
                  status TEXT NOT NULL, error TEXT, db_version TEXT, result_json TEXT,
                  queued_at TEXT NOT NULL, started_at TEXT, completed_at TEXT);
                CREATE INDEX scans_target ON scans(repo, digest, platform);
                PRAGMA user_version = 1;
                """;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
