using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Database.Feeds;
using Vigil.Database.Import;
using Vigil.Database.Schema;

namespace Vigil.Database;

/// <summary>
/// Imports feed sources into the database atomically: the work happens in a copy beside the database, in one transaction,
/// and the copy is renamed over the database only when every source imported. A failed or killed import leaves the previous
/// database as it was; its temp file is removed on the next import.
/// </summary>
public static class DatabaseImporter
{
    private const string TempMarker = ".import-";

    public static Task<ImportSummary> ImportAsync(string dbPath, IReadOnlyList<string> sources, IReadOnlyList<IFeedParser> parsers,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken) =>
        ImportAsync(dbPath, sources, parsers, ImportOptions.Default, progress, cancellationToken);

    public static async Task<ImportSummary> ImportAsync(string dbPath, IReadOnlyList<string> sources, IReadOnlyList<IFeedParser> parsers,
        ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(parsers);
        ArgumentNullException.ThrowIfNull(options);
        if (sources.Count == 0) throw new VigilException(ErrorKind.Usage, "Nothing to import: no SOURCE given.", "Give feed files, directories, zips or http(s) URLs: vigil db import SOURCE...");
        var stopwatch = Stopwatch.StartNew();
        var full = Path.GetFullPath(dbPath);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);

        await using var importLock = AcquireLock(full);
        RemoveStaleTemps(full);

        var temp = $"{full}{TempMarker}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.tmp";
        var replaced = false;
        try
        {
            var fresh = true;
            if (File.Exists(full) && new FileInfo(full).Length > 0)
            {
                switch (await ProbeAsync(full, cancellationToken))
                {
                    case Existing.Current:
                        File.Copy(full, temp);
                        fresh = false;
                        break;
                    case Existing.OtherSchema:
                        replaced = true;
                        break;
                    default:
                        // A typo in --db must not cost the user some other file.
                        throw new VigilException(ErrorKind.Database, $"{full} exists and is not a Vigil vulnerability database; the import will not overwrite it.",
                            "Choose another --db path, or delete the file if it is a broken Vigil database.");
                }
            }

            var results = new List<ImportedSource>();
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
            {
                await connection.OpenAsync(cancellationToken);
                // The temp file is thrown away on any failure, so the journal buys nothing; durability is the fsync before the rename.
                await ExecAsync(connection, null, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;", cancellationToken);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                if (fresh) await DatabaseSchema.CreateAsync(connection, transaction, cancellationToken);

                using var fetcher = new HttpFeedFetcher(options);
                foreach (var source in sources)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    results.Add(await ImportSourceAsync(connection, transaction, fetcher, source, parsers, full, progress, cancellationToken));
                }

                await ExecAsync(connection, transaction, "DELETE FROM blobs WHERE pk NOT IN (SELECT body_pk FROM advisories UNION SELECT body_pk FROM affected)", cancellationToken);
                await DatabaseSchema.SetMetaAsync(connection, transaction, "built_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await ExecAsync(connection, null, "PRAGMA optimize;", cancellationToken);
            }

            await using (var handle = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                handle.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            return new ImportSummary(full, results, stopwatch.Elapsed, replaced);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static async Task<ImportedSource> ImportSourceAsync(SqliteConnection connection, SqliteTransaction transaction, HttpFeedFetcher fetcher,
        string source, IReadOnlyList<IFeedParser> parsers, string dbPath, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        string? download = null;
        try
        {
            string local;
            string name;
            if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                name = uri.ToString();
                progress?.Report(new ImportProgress(name, "downloading", null, 0));
                download = $"{dbPath}.download-{Guid.NewGuid():N}.tmp";
                var validators = await HttpValidators.ReadAsync(connection, transaction, name, cancellationToken);
                var fetched = await fetcher.FetchAsync(uri, validators, download, cancellationToken);
                if (fetched.NotModified)
                {
                    var previous = await PreviousImportAsync(connection, transaction, name, cancellationToken);
                    progress?.Report(new ImportProgress(name, "unchanged", previous.Format, previous.Records));
                    return new ImportedSource(name, previous.Feed, previous.Format, previous.Records, previous.Sha256, Unchanged: true);
                }
                await HttpValidators.WriteAsync(connection, transaction, name, fetched, cancellationToken);
                local = download;
            }
            else
            {
                local = Path.GetFullPath(source);
                name = local;
                if (!File.Exists(local) && !Directory.Exists(local))
                    throw new VigilException(ErrorKind.NotFound, $"Import source {source} does not exist.", "Give an existing file, directory or zip, or an http(s) URL.");
            }

            var isDirectory = Directory.Exists(local);
            var head = isDirectory ? ReadOnlyMemory<byte>.Empty : await ReadHeadAsync(local, cancellationToken);
            var input = new FeedInput(name, local, isDirectory, head);
            var parser = Choose(input, parsers);
            progress?.Report(new ImportProgress(name, "parsing", parser.Format, 0));

            var sha = isDirectory ? await SourceDigest.OfDirectoryAsync(local, cancellationToken) : await SourceDigest.OfFileAsync(local, cancellationToken);
            await DropPreviousAsync(connection, transaction, name, cancellationToken);

            long importPk;
            await using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = transaction;
                cmd.CommandText = "INSERT INTO imports(feed, format, source, imported_at, input_sha256, records) VALUES ($f, $fmt, $s, $t, $h, 0) RETURNING pk";
                cmd.Parameters.AddWithValue("$f", parser.Feed);
                cmd.Parameters.AddWithValue("$fmt", parser.Format);
                cmd.Parameters.AddWithValue("$s", name);
                cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                cmd.Parameters.AddWithValue("$h", sha);
                importPk = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
            }

            long records = 0;
            await using (var writer = new ImportWriter(connection, transaction))
            {
                await foreach (var advisory in parser.ParseAsync(input, cancellationToken))
                {
                    if (advisory.Feed != parser.Feed)
                        throw new InvalidOperationException($"parser {parser.Format} produced an advisory of feed {advisory.Feed}, not {parser.Feed}");
                    await writer.WriteAsync(advisory, importPk, cancellationToken);
                    if (++records % 5000 == 0) progress?.Report(new ImportProgress(name, "parsing", parser.Format, records));
                }
            }
            if (records == 0)
            {
                throw new VigilException(ErrorKind.InvalidInput, $"{name} was read as {parser.Format} but holds no advisories.",
                    "Check the source is the complete feed; an empty feed would make every scan look clean.");
            }
            await ExecAsync(connection, transaction, $"UPDATE imports SET records = {records.ToString(CultureInfo.InvariantCulture)} WHERE pk = {importPk.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
            progress?.Report(new ImportProgress(name, "done", parser.Format, records));
            return new ImportedSource(name, parser.Feed, parser.Format, records, sha, Unchanged: false);
        }
        finally
        {
            if (download is not null) TryDelete(download);
        }
    }

    private static IFeedParser Choose(FeedInput input, IReadOnlyList<IFeedParser> parsers)
    {
        var matching = parsers.Where(p => p.Recognizes(input)).ToList();
        var known = string.Join(", ", parsers.Select(p => p.Format));
        if (matching.Count == 0)
        {
            throw new VigilException(ErrorKind.Unsupported,
                $"{input.Source}: not a feed format Vigil recognises (looked at its {(input.IsDirectory ? "files" : "content")}).",
                $"Known formats: {known}. Give the feed file or directory itself (e.g. the tracker JSON, a secdb main.json, an OSV directory or zip).");
        }
        if (matching.Count > 1)
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"{input.Source}: content matches several formats ({string.Join(", ", matching.Select(p => p.Format))}).",
                "Import the sub-directories holding one format each.");
        }
        return matching[0];
    }

    /// <summary>Re-importing a source replaces what it imported before: its rows go, its provenance row goes.</summary>
    private static async Task DropPreviousAsync(SqliteConnection connection, SqliteTransaction transaction, string source, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = """
            CREATE TEMP TABLE IF NOT EXISTS old_imports(pk INTEGER PRIMARY KEY);
            DELETE FROM old_imports;
            INSERT INTO old_imports SELECT pk FROM imports WHERE source = $s;
            DELETE FROM affected WHERE import_pk IN (SELECT pk FROM old_imports);
            DELETE FROM advisories WHERE import_pk IN (SELECT pk FROM old_imports)
                AND NOT EXISTS (SELECT 1 FROM affected f WHERE f.advisory_pk = advisories.pk);
            DELETE FROM imports WHERE pk IN (SELECT pk FROM old_imports);
            """;
        cmd.Parameters.AddWithValue("$s", source);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<(string Feed, string Format, long Records, string Sha256)> PreviousImportAsync(SqliteConnection connection, SqliteTransaction transaction, string source, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT feed, format, records, input_sha256 FROM imports WHERE source = $s ORDER BY pk DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$s", source);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken)) throw new InvalidOperationException("304 for a source never imported");
        return (r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3));
    }

    private enum Existing { Current, OtherSchema, NotVigil }

    private static async Task<Existing> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(cs);
            await connection.OpenAsync(cancellationToken);
            return await DatabaseSchema.ReadVersionAsync(connection, cancellationToken) switch
            {
                null => Existing.NotVigil,
                DatabaseSchema.Version => Existing.Current,
                _ => Existing.OtherSchema,
            };
        }
        catch (SqliteException)
        {
            return Existing.NotVigil;
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadHeadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var buffer = new byte[(int)Math.Min(64 * 1024, stream.Length)];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return buffer.AsMemory(0, read);
    }

    private static async Task ExecAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One import at a time per database: two would each rename their copy and the first one's work would be lost.</summary>
    private static FileStream AcquireLock(string dbPath)
    {
        try
        {
            return new FileStream(dbPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new VigilException(ErrorKind.Database, $"Another import into {dbPath} is running.", "Wait for it to finish, then import again.", e);
        }
    }

    /// <summary>Temp files of imports that were killed: their process is gone (the lock we hold rules out a live one).</summary>
    private static void RemoveStaleTemps(string dbPath)
    {
        var directory = Path.GetDirectoryName(dbPath)!;
        var name = Path.GetFileName(dbPath);
        foreach (var pattern in new[] { name + TempMarker + "*.tmp", name + ".download-*.tmp" })
        {
            foreach (var stale in Directory.EnumerateFiles(directory, pattern)) TryDelete(stale);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the next import's clean-up.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
