using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Core.Model;
using Vigil.Database.Store;

namespace Vigil.Database.Import;

/// <summary>Writes one import's advisories inside the importer's transaction, with prepared statements and deduplicated bodies.</summary>
internal sealed class ImportWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _blob;
    private readonly SqliteCommand _advisory;
    private readonly SqliteCommand _dropOthers;
    private readonly SqliteCommand _affected;
    private readonly Dictionary<string, long> _blobCache = new(StringComparer.Ordinal);

    public ImportWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        _blob = Prepare("INSERT INTO blobs(sha256, json) VALUES ($h, $j) ON CONFLICT(sha256) DO UPDATE SET sha256 = excluded.sha256 RETURNING pk",
            ("$h", SqliteType.Blob), ("$j", SqliteType.Blob));
        _advisory = Prepare("""
            INSERT INTO advisories(feed, id, import_pk, body_pk) VALUES ($f, $id, $i, $b)
            ON CONFLICT(feed, id) DO UPDATE SET import_pk = excluded.import_pk, body_pk = excluded.body_pk
            RETURNING pk
            """, ("$f", SqliteType.Text), ("$id", SqliteType.Text), ("$i", SqliteType.Integer), ("$b", SqliteType.Integer));
        // The newest import's word on (advisory, namespace, package) replaces what earlier imports said about it.
        _dropOthers = Prepare("DELETE FROM affected WHERE advisory_pk = $a AND namespace = $ns AND package = $p AND import_pk <> $i",
            ("$a", SqliteType.Integer), ("$ns", SqliteType.Text), ("$p", SqliteType.Text), ("$i", SqliteType.Integer));
        _affected = Prepare("INSERT INTO affected(advisory_pk, namespace, package, import_pk, body_pk) VALUES ($a, $ns, $p, $i, $b)",
            ("$a", SqliteType.Integer), ("$ns", SqliteType.Text), ("$p", SqliteType.Text), ("$i", SqliteType.Integer), ("$b", SqliteType.Integer));
    }

    public async Task WriteAsync(Advisory advisory, long importPk, CancellationToken cancellationToken)
    {
        // Namespace and package live in the indexed row; leaving them out of the body lets equal statements share one blob.
        var body = JsonSerializer.SerializeToUtf8Bytes(advisory with { Affected = [] }, DatabaseJsonContext.Default.Advisory);
        var bodyPk = await BlobAsync(body, cancellationToken);
        _advisory.Parameters[0].Value = advisory.Feed;
        _advisory.Parameters[1].Value = advisory.Id;
        _advisory.Parameters[2].Value = importPk;
        _advisory.Parameters[3].Value = bodyPk;
        var advisoryPk = (long)(await _advisory.ExecuteScalarAsync(cancellationToken))!;

        var dropped = new HashSet<(string, string)>();
        foreach (var affected in advisory.Affected)
        {
            if (dropped.Add((affected.Namespace, affected.Package)))
            {
                _dropOthers.Parameters[0].Value = advisoryPk;
                _dropOthers.Parameters[1].Value = affected.Namespace;
                _dropOthers.Parameters[2].Value = affected.Package;
                _dropOthers.Parameters[3].Value = importPk;
                await _dropOthers.ExecuteNonQueryAsync(cancellationToken);
            }
            var json = JsonSerializer.SerializeToUtf8Bytes(affected with { Namespace = "", Package = "" }, DatabaseJsonContext.Default.AffectedPackage);
            _affected.Parameters[0].Value = advisoryPk;
            _affected.Parameters[1].Value = affected.Namespace;
            _affected.Parameters[2].Value = affected.Package;
            _affected.Parameters[3].Value = importPk;
            _affected.Parameters[4].Value = await BlobAsync(json, cancellationToken);
            await _affected.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<long> BlobAsync(byte[] json, CancellationToken cancellationToken)
    {
        var hash = SHA256.HashData(json);
        var key = Convert.ToBase64String(hash);
        if (_blobCache.TryGetValue(key, out var pk)) return pk;
        _blob.Parameters[0].Value = hash;
        _blob.Parameters[1].Value = json;
        pk = (long)(await _blob.ExecuteScalarAsync(cancellationToken))!;
        if (_blobCache.Count > 200_000) _blobCache.Clear();
        _blobCache[key] = pk;
        return pk;
    }

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = _transaction;
        cmd.CommandText = sql;
        foreach (var (name, type) in parameters) cmd.Parameters.Add(name, type);
        cmd.Prepare();
        return cmd;
    }

    public async ValueTask DisposeAsync()
    {
        await _blob.DisposeAsync();
        await _advisory.DisposeAsync();
        await _dropOthers.DisposeAsync();
        await _affected.DisposeAsync();
    }
}
