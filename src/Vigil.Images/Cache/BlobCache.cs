using System.Security.Cryptography;
using Vigil.Core.Model;

namespace Vigil.Images.Cache;

/// <summary>
/// Content-addressed blobs on disk, shared by every scan on the machine. Only bytes whose digest was checked
/// by the cache itself are ever stored: writers stream into a private temp file and the blob appears by an
/// atomic rename after verification, so concurrent scans never see a partial or wrong blob.
/// Trimmed least-recently-used first to <see cref="MaxBytes"/>.
/// </summary>
public sealed class BlobCache
{
    private const string TempFolder = "tmp";

    public BlobCache(string directory, long maxBytes)
    {
        Directory = Path.GetFullPath(directory);
        MaxBytes = maxBytes;
    }

    public string Directory { get; }

    public long MaxBytes { get; }

    public string PathOf(Digest digest) => Path.Combine(Directory, digest.Algorithm, digest.Hex);

    public bool Contains(Digest digest) => File.Exists(PathOf(digest));

    /// <summary>Opens a cached blob for reading, or null. Marks it recently used.</summary>
    public Stream? TryOpenRead(Digest digest)
    {
        var path = PathOf(digest);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            Touch(path);
            return stream;
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>Starts writing a blob; nothing is visible until <see cref="BlobCacheWriter.Commit"/> verifies it.</summary>
    public BlobCacheWriter BeginWrite(Digest digest)
    {
        var temp = Path.Combine(Directory, TempFolder);
        System.IO.Directory.CreateDirectory(temp);
        var path = Path.Combine(temp, $"{digest.Hex}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        return new BlobCacheWriter(this, digest, path);
    }

    /// <summary>Stores small content (a manifest) when it matches <paramref name="digest"/>; returns whether it was stored.</summary>
    public bool TryPut(Digest digest, ReadOnlySpan<byte> content)
    {
        if (MaxBytes <= 0) return false;
        using var writer = BeginWrite(digest);
        writer.Write(content);
        return writer.Commit();
    }

    /// <summary>Deletes least recently used blobs until the cache fits <see cref="MaxBytes"/>; stale temp files go too.</summary>
    public void Trim()
    {
        if (!System.IO.Directory.Exists(Directory)) return;
        var files = new List<FileInfo>();
        long total = 0;
        foreach (var alg in new[] { "sha256", "sha512" })
        {
            var dir = new DirectoryInfo(Path.Combine(Directory, alg));
            if (!dir.Exists) continue;
            foreach (var f in dir.EnumerateFiles())
            {
                files.Add(f);
                total += f.Length;
            }
        }
        var tempDir = new DirectoryInfo(Path.Combine(Directory, TempFolder));
        if (tempDir.Exists)
        {
            // A writer that crashed leaves its temp file; a day is far longer than any pull.
            foreach (var f in tempDir.EnumerateFiles().Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1))) TryDelete(f.FullName);
        }
        if (total <= MaxBytes) return;
        foreach (var f in files.OrderBy(f => f.LastWriteTimeUtc))
        {
            if (total <= MaxBytes) break;
            // Deleting a blob another scan is reading is safe: its open handle keeps the data until closed.
            if (TryDelete(f.FullName)) total -= f.Length;
        }
    }

    internal bool CommitFile(Digest digest, string tempPath)
    {
        var final = PathOf(digest);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        // Another scan may have committed the same digest meanwhile: same bytes, so replacing is harmless.
        File.Move(tempPath, final, overwrite: true);
        Trim();
        return File.Exists(final);
    }

    private static void Touch(string path)
    {
        try { File.SetLastWriteTimeUtc(path, DateTime.UtcNow); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    internal static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
