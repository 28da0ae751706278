using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Vigil.Database.Feeds;

/// <summary>What a server said about a URL last time (ETag, Last-Modified), so an unchanged feed costs one 304.</summary>
public sealed record HttpValidatorSet(string? ETag, string? LastModified);

internal static class HttpValidators
{
    /// <summary>The validators of <paramref name="url"/>, only while the import they describe is still in the database.</summary>
    public static async Task<HttpValidatorSet?> ReadAsync(SqliteConnection connection, SqliteTransaction transaction, string url, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = """
            SELECT v.etag, v.last_modified FROM http_validators v
            WHERE v.url = $u AND EXISTS (SELECT 1 FROM imports i WHERE i.source = v.url AND i.input_sha256 = v.sha256)
            """;
        cmd.Parameters.AddWithValue("$u", url);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken)) return null;
        var set = new HttpValidatorSet(r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1));
        return set.ETag is null && set.LastModified is null ? null : set;
    }

    public static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, string url, FetchResult fetched, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = """
            INSERT INTO http_validators(url, etag, last_modified, sha256, fetched_at) VALUES ($u, $e, $l, $h, $t)
            ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256, fetched_at = excluded.fetched_at
            """;
        cmd.Parameters.AddWithValue("$u", url);
        cmd.Parameters.AddWithValue("$e", (object?)fetched.ETag ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$l", (object?)fetched.LastModified ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$h", (object?)fetched.Sha256 ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
