using Microsoft.Data.Sqlite;
using Vigil.Core.Model;

namespace Vigil.Server.Storage;

/// <summary>A manifest as stored: its bytes live in the blob store under its digest.</summary>
public sealed record StoredManifest(string Repository, Digest Digest, string MediaType, long Size, string? Subject, string? ArtifactType, string? AnnotationsJson);

/// <summary>A repository's settings.</summary>
public sealed record RepositorySettings(string Name, bool ScanOnPush, bool AnonymousPull);

/// <summary>Queries over repositories, blob links, manifests and tags.</summary>
public sealed class RegistryStore(MetadataDb db, BlobStore blobs)
{
    public BlobStore Blobs => blobs;

    public async Task<RepositorySettings?> GetRepositoryAsync(string name, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT scan_on_push, anonymous_pull FROM repositories WHERE name = $n";
        cmd.Parameters.AddWithValue("$n", name);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? new RepositorySettings(name, r.GetInt64(0) != 0, r.GetInt64(1) != 0) : null;
    }

    public async Task SetRepositoryAsync(RepositorySettings settings, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO repositories(name, scan_on_push, anonymous_pull, created_at) VALUES ($n, $s, $a, $now)
            ON CONFLICT(name) DO UPDATE SET scan_on_push = $s, anonymous_pull = $a
            """;
        cmd.Parameters.AddWithValue("$n", settings.Name);
        cmd.Parameters.AddWithValue("$s", settings.ScanOnPush ? 1 : 0);
        cmd.Parameters.AddWithValue("$a", settings.AnonymousPull ? 1 : 0);
        cmd.Parameters.AddWithValue("$now", Now());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RepositoryExistsAsync(string name, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT EXISTS(SELECT 1 FROM manifests WHERE repo = $n) OR EXISTS(SELECT 1 FROM repo_blobs WHERE repo = $n) OR EXISTS(SELECT 1 FROM tags WHERE repo = $n)";
        cmd.Parameters.AddWithValue("$n", name);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>The blob's size when it is linked into <paramref name="repository"/> and present on disk.</summary>
    public async Task<long?> GetBlobAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT size FROM repo_blobs WHERE repo = $r AND digest = $d";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$d", digest.ToString());
        var size = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (size is null || !blobs.Exists(digest)) return null;
        return Convert.ToInt64(size, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task LinkBlobAsync(string repository, Digest digest, long size, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await EnsureRepositoryAsync(c, null, repository, cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT OR IGNORE INTO repo_blobs(repo, digest, size) VALUES ($r, $d, $s)";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$d", digest.ToString());
        cmd.Parameters.AddWithValue("$s", size);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> UnlinkBlobAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM repo_blobs WHERE repo = $r AND digest = $d";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$d", digest.ToString());
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<StoredManifest?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        if (Digest.TryParse(reference, out _))
        {
            cmd.CommandText = "SELECT digest, media_type, size, subject, artifact_type, annotations FROM manifests WHERE repo = $r AND digest = $ref";
        }
        else
        {
            cmd.CommandText = """
                SELECT m.digest, m.media_type, m.size, m.subject, m.artifact_type, m.annotations
                FROM tags t JOIN manifests m ON m.repo = t.repo AND m.digest = t.digest WHERE t.repo = $r AND t.tag = $ref
                """;
        }
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$ref", reference);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var m = ReadManifest(repository, r);
        return blobs.Exists(m.Digest) ? m : null;
    }

    /// <summary>
    /// Records a manifest and, when <paramref name="tag"/> is given, points the tag at it, in one transaction:
    /// the tag moves from its old manifest to the new one with nothing in between. The bytes must already be in the blob store.
    /// </summary>
    public async Task PutManifestAsync(StoredManifest m, string? tag, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureRepositoryAsync(c, tx, m.Repository, cancellationToken).ConfigureAwait(false);
        await using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO manifests(repo, digest, media_type, size, subject, artifact_type, annotations, created_at)
                VALUES ($r, $d, $mt, $s, $sub, $at, $ann, $now)
                ON CONFLICT(repo, digest) DO NOTHING
                """;
            cmd.Parameters.AddWithValue("$r", m.Repository);
            cmd.Parameters.AddWithValue("$d", m.Digest.ToString());
            cmd.Parameters.AddWithValue("$mt", m.MediaType);
            cmd.Parameters.AddWithValue("$s", m.Size);
            cmd.Parameters.AddWithValue("$sub", (object?)m.Subject ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$at", (object?)m.ArtifactType ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$ann", (object?)m.AnnotationsJson ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$now", Now());
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (tag is not null)
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO tags(repo, tag, digest, updated_at) VALUES ($r, $t, $d, $now)
                ON CONFLICT(repo, tag) DO UPDATE SET digest = $d, updated_at = $now
                """;
            cmd.Parameters.AddWithValue("$r", m.Repository);
            cmd.Parameters.AddWithValue("$t", tag);
            cmd.Parameters.AddWithValue("$d", m.Digest.ToString());
            cmd.Parameters.AddWithValue("$now", Now());
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a manifest and every tag pointing at it. False when it was not there.</summary>
    public async Task<bool> DeleteManifestAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = (SqliteTransaction)await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "DELETE FROM tags WHERE repo = $r AND digest = $d; DELETE FROM manifests WHERE repo = $r AND digest = $d;";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$d", digest.ToString());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        cmd.CommandText = "SELECT changes()";
        var deleted = Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted > 0;
    }

    public async Task<bool> DeleteTagAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM tags WHERE repo = $r AND tag = $t";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$t", tag);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Tags after <paramref name="last"/> in byte order (Go's sort.Strings), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, string? last, int limit, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT tag FROM tags WHERE repo = $r AND tag > $last ORDER BY tag COLLATE BINARY LIMIT $n";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$last", last ?? "");
        cmd.Parameters.AddWithValue("$n", limit);
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(r.GetString(0));
        return list;
    }

    public async Task<IReadOnlyList<string>> ListTagsOfDigestAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT tag FROM tags WHERE repo = $r AND digest = $d ORDER BY tag";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$d", digest.ToString());
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(r.GetString(0));
        return list;
    }

    /// <summary>Every repository holding anything, in byte order, after <paramref name="last"/>.</summary>
    public async Task<IReadOnlyList<string>> ListRepositoriesAsync(string? last, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT name FROM (SELECT repo AS name FROM manifests UNION SELECT repo FROM repo_blobs UNION SELECT repo FROM tags)
            WHERE name > $last ORDER BY name COLLATE BINARY
            """;
        cmd.Parameters.AddWithValue("$last", last ?? "");
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(r.GetString(0));
        return list;
    }

    public async Task<IReadOnlyList<StoredManifest>> ListReferrersAsync(string repository, Digest subject, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT digest, media_type, size, subject, artifact_type, annotations FROM manifests WHERE repo = $r AND subject = $s ORDER BY created_at, digest";
        cmd.Parameters.AddWithValue("$r", repository);
        cmd.Parameters.AddWithValue("$s", subject.ToString());
        var list = new List<StoredManifest>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(ReadManifest(repository, r));
        return list;
    }

    private static StoredManifest ReadManifest(string repository, SqliteDataReader r) => new(
        repository, Digest.Parse(r.GetString(0)), r.GetString(1), r.GetInt64(2),
        r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5));

    private static async Task EnsureRepositoryAsync(SqliteConnection c, SqliteTransaction? tx, string name, CancellationToken cancellationToken)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT OR IGNORE INTO repositories(name, created_at) VALUES ($n, $now)";
        cmd.Parameters.AddWithValue("$n", name);
        cmd.Parameters.AddWithValue("$now", Now());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static string Now() => DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
