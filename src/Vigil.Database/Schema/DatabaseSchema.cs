using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Core;

namespace Vigil.Database.Schema;

/// <summary>
/// The database layout. Small indexed rows point at deduplicated JSON bodies (Grype DB v6 style):
/// a scan's hot query is one index seek on (namespace, package) plus two primary-key reads.
/// Bump <see cref="Version"/> on any change a reader of the old layout would misread; there are no in-place
/// migrations: a database is rebuilt by importing again, which is cheap and keeps provenance honest.
/// </summary>
public static class DatabaseSchema
{
    public const int Version = 1;

    internal const string Ddl = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE imports(
            pk INTEGER PRIMARY KEY,
            feed TEXT NOT NULL,
            format TEXT NOT NULL,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            input_sha256 TEXT NOT NULL,
            records INTEGER NOT NULL);
        CREATE INDEX imports_by_source ON imports(source);
        CREATE TABLE blobs(pk INTEGER PRIMARY KEY, sha256 BLOB NOT NULL UNIQUE, json BLOB NOT NULL);
        CREATE TABLE advisories(
            pk INTEGER PRIMARY KEY,
            feed TEXT NOT NULL,
            id TEXT NOT NULL,
            import_pk INTEGER NOT NULL,
            body_pk INTEGER NOT NULL,
            UNIQUE(feed, id));
        CREATE INDEX advisories_by_id ON advisories(id);
        CREATE TABLE affected(
            advisory_pk INTEGER NOT NULL,
            namespace TEXT NOT NULL,
            package TEXT NOT NULL,
            import_pk INTEGER NOT NULL,
            body_pk INTEGER NOT NULL);
        CREATE INDEX affected_by_package ON affected(namespace, package);
        CREATE INDEX affected_by_advisory ON affected(advisory_pk, namespace, package);
        CREATE INDEX affected_by_import ON affected(import_pk);
        CREATE TABLE http_validators(
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            sha256 TEXT,
            fetched_at TEXT NOT NULL) WITHOUT ROWID;
        """;

    internal static async Task CreateAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var create = connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText = Ddl;
        await create.ExecuteNonQueryAsync(cancellationToken);
        await SetMetaAsync(connection, transaction, "schema_version", Version.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    internal static async Task SetMetaAsync(SqliteConnection connection, SqliteTransaction? transaction, string key, string value, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task<string?> GetMetaAsync(SqliteConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return await cmd.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The schema version stored in the file; null when the file is SQLite but not a Vigil database.</summary>
    internal static async Task<int?> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'";
        if (Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0) return null;
        var text = await GetMetaAsync(connection, "schema_version", cancellationToken);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>Opens <paramref name="path"/> read-only and checks it is a Vigil database of this schema.</summary>
    internal static async Task<SqliteConnection> OpenReadOnlyAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new VigilException(ErrorKind.Database, $"No vulnerability database at {path}.",
                $"Create it with: vigil db import --db {Quote(path)} SOURCE... (a feed file, directory, zip or URL), or point --db / ${DatabasePath.EnvironmentVariable} at an existing one.");
        }
        // No pooling: a pooled handle would keep the old file open after an import renames a new one over it.
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var connection = new SqliteConnection(cs);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var version = await ReadVersionAsync(connection, cancellationToken);
            if (version is null)
            {
                throw new VigilException(ErrorKind.Database, $"{path} is not a Vigil vulnerability database (no schema version).",
                    $"Rebuild it with: vigil db import --db {Quote(path)} SOURCE...");
            }
            if (version != Version)
            {
                throw new VigilException(ErrorKind.Database,
                    $"{path} has database schema {version.Value.ToString(CultureInfo.InvariantCulture)}; this Vigil reads schema {Version.ToString(CultureInfo.InvariantCulture)}.",
                    $"Rebuild it with: vigil db import --db {Quote(path)} SOURCE... (the import replaces a database of another schema).");
            }
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new VigilException(ErrorKind.Database, $"{path} is not a readable SQLite database ({e.Message}).",
                $"Rebuild it with: vigil db import --db {Quote(path)} SOURCE...", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? "\"" + path + "\"" : path;
}
