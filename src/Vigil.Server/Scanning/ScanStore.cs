using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Core.Model;
using Vigil.Server.Storage;

namespace Vigil.Server.Scanning;

/// <summary>Scans and index reports in the metadata database.</summary>
public sealed class ScanStore(MetadataDb db)
{
    private const string Columns = "id, repo, tag, digest, platform, status, error, db_version, result_json, queued_at, started_at, completed_at";

    public async Task<long> AddAsync(string repository, string? tag, Digest digest, Platform platform, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO scans(repo, tag, digest, platform, status, queued_at) VALUES ($r, $t, $d, $p, 'queued', $now) RETURNING id";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$t", (object?)tag ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$d", digest.ToString());
        cmd.Parameters.AddWithValue("$p", platform.ToString());
        cmd.Parameters.AddWithValue("$now", RegistryStore.Now());
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<ScanRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM scans WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        return await ReadOneAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest scan of this manifest in this repository (for this platform, when given).</summary>
    public async Task<ScanRecord?> LatestAsync(string repository, Digest digest, Platform? platform, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM scans WHERE repo = $r AND digest = $d AND ($p IS NULL OR platform = $p) ORDER BY id DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$d", digest.ToString());
        cmd.Parameters.AddWithValue("$p", (object?)platform?.ToString() ?? DBNull.Value);
        return await ReadOneAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<long>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id FROM scans WHERE status IN ('queued', 'scanning') ORDER BY id";
        var list = new List<long>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(r.GetInt64(0));
        return list;
    }

    /// <summary>Completed scans matched against another database than <paramref name="version"/>: the ones to re-match.</summary>
    public async Task<IReadOnlyList<ScanRecord>> StaleAsync(string version, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM scans WHERE status = 'completed' AND (db_version IS NULL OR db_version <> $v) ORDER BY id";
        cmd.Parameters.AddWithValue("$v", version);
        var list = new List<ScanRecord>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(Read(r));
        return list;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT status, COUNT(*) FROM scans GROUP BY status";
        var d = new Dictionary<string, long>(StringComparer.Ordinal) { ["queued"] = 0, ["scanning"] = 0, ["completed"] = 0, ["failed"] = 0 };
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) d[r.GetString(0)] = r.GetInt64(1);
        return d;
    }

    public async Task MarkScanningAsync(long id, CancellationToken cancellationToken) =>
        await ExecAsync("UPDATE scans SET status = 'scanning', started_at = $now, error = NULL WHERE id = $id", id, null, null, null, cancellationToken).ConfigureAwait(false);

    public async Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken) =>
        await ExecAsync("UPDATE scans SET status = 'failed', error = $e, completed_at = $now WHERE id = $id", id, error, null, null, cancellationToken).ConfigureAwait(false);

    public async Task MarkCompletedAsync(long id, ScanResult result, string dbVersion, CancellationToken cancellationToken) =>
        await ExecAsync("UPDATE scans SET status = 'completed', error = NULL, result_json = $j, db_version = $v, completed_at = $now WHERE id = $id",
            id, null, JsonSerializer.Serialize(result, StoreJsonContext.Default.ScanResult), dbVersion, cancellationToken).ConfigureAwait(false);

    public async Task<IndexReport?> GetIndexAsync(Digest manifest, Platform platform, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT report_json FROM index_reports WHERE manifest_digest = $d AND platform = $p";
        cmd.Parameters.AddWithValue("$d", manifest.ToString());
        cmd.Parameters.AddWithValue("$p", platform.ToString());
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize(json, StoreJsonContext.Default.IndexReport)
            : null;
    }

    public async Task PutIndexAsync(Digest manifest, Platform platform, IndexReport report, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT OR REPLACE INTO index_reports(manifest_digest, platform, report_json, created_at) VALUES ($d, $p, $j, $now)";
        cmd.Parameters.AddWithValue("$d", manifest.ToString());
        cmd.Parameters.AddWithValue("$p", platform.ToString());
        cmd.Parameters.AddWithValue("$j", JsonSerializer.Serialize(report, StoreJsonContext.Default.IndexReport));
        cmd.Parameters.AddWithValue("$now", RegistryStore.Now());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecAsync(string sql, long id, string? error, string? json, string? version, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$id", id);
        cmd.Parameters.AddWithValue("$now", RegistryStore.Now());
        if (sql.Contains("$e", StringComparison.Ordinal)) cmd.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
        if (sql.Contains("$j", StringComparison.Ordinal)) cmd.Parameters.AddWithValue("$j", (object?)json ?? DBNull.Value);
        if (sql.Contains("$v", StringComparison.Ordinal)) cmd.Parameters.AddWithValue("$v", (object?)version ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ScanRecord?> ReadOneAsync(SqliteCommand cmd, CancellationToken cancellationToken)
    {
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(r) : null;
    }

    private static ScanRecord Read(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Digest.Parse(r.GetString(3)), r.GetString(4),
        Enum.Parse<ScanStatus>(r.GetString(5), ignoreCase: true), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : JsonSerializer.Deserialize(r.GetString(8), StoreJsonContext.Default.ScanResult),
        Time(r, 9)!.Value, Time(r, 10), Time(r, 11));

    private static DateTimeOffset? Time(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture);
}
