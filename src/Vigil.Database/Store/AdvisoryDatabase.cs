using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Database.Schema;
using Vigil.Database.Store;

namespace Vigil.Database;

/// <summary>
/// Read access to a vulnerability database file. One connection, read-only; <see cref="FindAsync"/> reuses one prepared
/// statement and serialises callers (SQLite connections are not thread-safe), which is far cheaper than a connection per call.
/// </summary>
public sealed class AdvisoryDatabase : IAdvisoryStore, IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _nvd;
    private readonly SqliteCommand _namespace;
    private readonly Dictionary<long, Advisory> _advisoryBodies = [];
    private readonly Dictionary<long, AffectedPackage> _statementBodies = [];

    private AdvisoryDatabase(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _find = Prepare("""
            SELECT f.namespace, f.package, f.body_pk, fb.json, a.body_pk, ab.json
            FROM affected f
            JOIN advisories a ON a.pk = f.advisory_pk
            JOIN blobs fb ON fb.pk = f.body_pk
            JOIN blobs ab ON ab.pk = a.body_pk
            WHERE f.namespace = $ns AND f.package = $pkg
            ORDER BY a.feed, a.id, f.rowid
            """, "$ns", "$pkg");
        _nvd = Prepare("SELECT b.json FROM advisories a JOIN blobs b ON b.pk = a.body_pk WHERE a.feed = 'nvd' AND a.id = $id", "$id");
        _namespace = Prepare("SELECT EXISTS(SELECT 1 FROM affected WHERE namespace = $ns)", "$ns");
    }

    public string Path { get; }

    /// <summary>Opens the database read-only and checks its schema; a missing file or another schema is a <see cref="Core.ErrorKind.Database"/> error.</summary>
    public static async Task<AdvisoryDatabase> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        var connection = await DatabaseSchema.OpenReadOnlyAsync(full, cancellationToken);
        return new AdvisoryDatabase(full, connection);
    }

    /// <summary>What <c>vigil db status</c> prints: schema, age, provenance of every import, counts per feed and namespace.</summary>
    public static async Task<DatabaseStatus> GetStatusAsync(string dbPath, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(dbPath, cancellationToken);
        return await db.ReadStatusAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AdvisoryHit>> FindAsync(string @namespace, string package, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _find.Parameters[0].Value = @namespace;
            _find.Parameters[1].Value = package;
            var hits = new List<AdvisoryHit>();
            await using var reader = await _find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var statementPk = reader.GetInt64(2);
                if (!_statementBodies.TryGetValue(statementPk, out var statement))
                {
                    statement = JsonSerializer.Deserialize(reader.GetStream(3), DatabaseJsonContext.Default.AffectedPackage)!;
                    if (_statementBodies.Count > 50_000) _statementBodies.Clear();
                    _statementBodies[statementPk] = statement;
                }
                var affected = statement with { Namespace = reader.GetString(0), Package = reader.GetString(1) };
                var bodyPk = reader.GetInt64(4);
                // Bodies are immutable for the life of the file; a package's advisories recur across its namespaces and callers.
                if (!_advisoryBodies.TryGetValue(bodyPk, out var advisory))
                {
                    advisory = JsonSerializer.Deserialize(reader.GetStream(5), DatabaseJsonContext.Default.Advisory)!;
                    if (_advisoryBodies.Count > 50_000) _advisoryBodies.Clear();
                    _advisoryBodies[bodyPk] = advisory;
                }
                hits.Add(new AdvisoryHit(advisory, affected));
            }
            return hits;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<CvssScore>> GetNvdCvssAsync(string cveId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _nvd.Parameters[0].Value = cveId;
            await using var reader = await _nvd.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return [];
            return JsonSerializer.Deserialize(reader.GetStream(0), DatabaseJsonContext.Default.Advisory)!.Cvss;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> HasNamespaceAsync(string @namespace, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _namespace.Parameters[0].Value = @namespace;
            return Convert.ToInt64(await _namespace.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) != 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<DatabaseInfo> GetInfoAsync(CancellationToken cancellationToken)
    {
        var status = await ReadStatusAsync(cancellationToken);
        return new DatabaseInfo(Path, status.SchemaVersion, status.BuiltAt, status.Imports, status.Feeds.Sum(f => f.Advisories));
    }

    private async Task<DatabaseStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var builtText = await DatabaseSchema.GetMetaAsync(_connection, "built_at", cancellationToken);
            DateTimeOffset? builtAt = DateTimeOffset.TryParse(builtText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var b) ? b : null;

            var imports = new List<FeedProvenance>();
            await using (var cmd = _connection.CreateCommand())
            {
                cmd.CommandText = "SELECT feed, format, source, imported_at, input_sha256, records FROM imports ORDER BY pk";
                await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await r.ReadAsync(cancellationToken))
                {
                    imports.Add(new FeedProvenance(r.GetString(0), r.GetString(1), r.GetString(2),
                        DateTimeOffset.Parse(r.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), r.GetString(4), r.GetInt64(5)));
                }
            }

            var feeds = new List<FeedCount>();
            await using (var cmd = _connection.CreateCommand())
            {
                cmd.CommandText = "SELECT feed, count(*) FROM advisories GROUP BY feed ORDER BY feed";
                await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await r.ReadAsync(cancellationToken)) feeds.Add(new FeedCount(r.GetString(0), r.GetInt64(1)));
            }

            var namespaces = new List<NamespaceCount>();
            await using (var cmd = _connection.CreateCommand())
            {
                cmd.CommandText = "SELECT namespace, count(*), count(DISTINCT package), count(DISTINCT advisory_pk) FROM affected GROUP BY namespace ORDER BY namespace";
                await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await r.ReadAsync(cancellationToken)) namespaces.Add(new NamespaceCount(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
            }

            var size = new FileInfo(Path).Length;
            return new DatabaseStatus(Path, DatabaseSchema.Version, builtAt, builtAt is null ? null : DateTimeOffset.UtcNow - builtAt.Value, size, imports, feeds, namespaces);
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var p in parameters) cmd.Parameters.Add(p, SqliteType.Text);
        cmd.Prepare();
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        await _find.DisposeAsync();
        await _nvd.DisposeAsync();
        await _namespace.DisposeAsync();
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
