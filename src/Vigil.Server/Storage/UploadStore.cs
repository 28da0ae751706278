using System.Collections.Concurrent;
using System.Security.Cryptography;
using Vigil.Core.Model;

namespace Vigil.Server.Storage;

/// <summary>
/// Upload sessions: bytes append to uploads/&lt;id&gt; and are hashed as they arrive, so finishing a streamed upload needs
/// no second read. After a restart the hash state is gone and the file is re-read once at the end.
/// Nothing here is visible as a blob until <see cref="BlobStore.Commit"/> renames a verified file.
/// </summary>
public sealed class UploadStore(DataDirectory data, MetadataDb db)
{
    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);

    public sealed class Session(string id, string repository, string path)
    {
        public string Id { get; } = id;
        public string Repository { get; } = repository;
        public string Path { get; } = path;
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public IncrementalHash? Sha256 { get; set; }
        public long HashedBytes { get; set; }
    }

    public async Task<Session> CreateAsync(string repository, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("D");
        var path = System.IO.Path.Combine(data.UploadsRoot, id);
        await File.WriteAllBytesAsync(path, [], cancellationToken).ConfigureAwait(false);
        await using (var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO uploads(id, repo, created_at) VALUES ($id, $repo, $now)";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$repo", repository);
            cmd.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var s = new Session(id, repository, path) { Sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256) };
        sessions[id] = s;
        return s;
    }

    /// <summary>The session, when it exists and belongs to <paramref name="repository"/>.</summary>
    public async Task<Session?> FindAsync(string repository, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(id, "D", out _)) return null;
        if (sessions.TryGetValue(id, out var s)) return s.Repository == repository && File.Exists(s.Path) ? s : null;
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT repo FROM uploads WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        var repo = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        var path = System.IO.Path.Combine(data.UploadsRoot, id);
        if (repo != repository || !File.Exists(path)) return null;
        return sessions.GetOrAdd(id, _ => new Session(id, repository, path));
    }

    public static long Length(Session s) => new FileInfo(s.Path).Length;

    /// <summary>Appends a request body at the end of the upload; returns the new length.</summary>
    public static async Task<long> AppendAsync(Session s, Stream body, long? maxBytes, CancellationToken cancellationToken)
    {
        await using var fs = new FileStream(s.Path, FileMode.Append, FileAccess.Write, FileShare.Read, 0, FileOptions.Asynchronous);
        var start = fs.Position;
        var hashing = s.Sha256 is not null && s.HashedBytes == start;
        if (!hashing && s.Sha256 is not null)
        {
            s.Sha256.Dispose();
            s.Sha256 = null;
        }
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long total = 0;
            int n;
            while ((n = await body.ReadAsync(buffer.AsMemory(0, buffer.Length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += n;
                if (maxBytes is { } max && total > max) throw new InvalidDataException("chunk larger than its Content-Length");
                await fs.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                if (hashing) s.Sha256!.AppendData(buffer, 0, n);
            }
            if (hashing) s.HashedBytes = start + total;
            return start + total;
        }
        catch
        {
            // A half-written chunk must not count: cut the file back and drop the running hash.
            fs.SetLength(start);
            s.Sha256?.Dispose();
            s.Sha256 = null;
            throw;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The digest of everything uploaded so far, fsyncing the file so the verified bytes are the durable bytes.</summary>
    public static async Task<Digest> FinishHashAsync(Session s, Digest expected, CancellationToken cancellationToken)
    {
        using (var handle = File.OpenHandle(s.Path, FileMode.Open, FileAccess.ReadWrite))
        {
            RandomAccess.FlushToDisk(handle);
        }
        if (expected.Algorithm == "sha256" && s.Sha256 is not null && s.HashedBytes == Length(s))
        {
            return Digest.FromSha256Hash(s.Sha256.GetCurrentHash());
        }
        return await BlobStore.HashFileAsync(s.Path, expected.HashAlgorithm, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes upload sessions (and stray files in uploads/) that nothing has written to since <paramref name="cutoffUtc"/>:
    /// clients that crashed or gave up would otherwise fill the disk. A session busy with a request is left alone.
    /// Returns how many sessions or files went.
    /// </summary>
    public async Task<int> PurgeIdleAsync(DateTime cutoffUtc, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using (var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT id FROM uploads";
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(r.GetString(0));
        }

        var purged = 0;
        foreach (var id in ids)
        {
            var path = System.IO.Path.Combine(data.UploadsRoot, id);
            if (File.Exists(path) && File.GetLastWriteTimeUtc(path) >= cutoffUtc) continue;
            // A session not in memory gets a placeholder while it is removed, so that no request can pick it up meanwhile.
            var placeholder = false;
            if (!sessions.TryGetValue(id, out var session))
            {
                session = new Session(id, "", path);
                if (!sessions.TryAdd(id, session)) continue; // a request just picked it up: not idle
                placeholder = true;
            }
            if (!await session.Lock.WaitAsync(0, cancellationToken).ConfigureAwait(false)) continue;
            try
            {
                // Written to since we looked? Then it is not idle after all.
                if (File.Exists(path) && File.GetLastWriteTimeUtc(path) >= cutoffUtc)
                {
                    if (placeholder) sessions.TryRemove(KeyValuePair.Create(id, session));
                    continue;
                }
                await DeleteAsync(session, deleteFile: true, cancellationToken).ConfigureAwait(false);
                purged++;
            }
            finally
            {
                session.Lock.Release();
            }
        }

        // Files without a row: a crash between creating the file and recording the session.
        var known = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(data.UploadsRoot))
        {
            var name = System.IO.Path.GetFileName(file);
            if (known.Contains(name) || sessions.ContainsKey(name) || File.GetLastWriteTimeUtc(file) >= cutoffUtc) continue;
            File.Delete(file);
            purged++;
        }

        return purged;
    }

    public async Task DeleteAsync(Session s, bool deleteFile, CancellationToken cancellationToken)
    {
        sessions.TryRemove(s.Id, out _);
        s.Sha256?.Dispose();
        if (deleteFile && File.Exists(s.Path)) File.Delete(s.Path);
        await using var c = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "DELETE FROM uploads WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", s.Id);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
