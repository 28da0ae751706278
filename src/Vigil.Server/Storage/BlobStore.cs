using System.Security.Cryptography;
using Vigil.Core.Model;

namespace Vigil.Server.Storage;

/// <summary>
/// Content-addressed files: blobs/sha256/ab/abcdef…. A file only ever appears at its final path by an atomic rename
/// of a fully written, fsynced and verified temporary file, so a reader never sees a partial blob.
/// </summary>
public sealed class BlobStore(DataDirectory data)
{
    public string PathOf(Digest digest) => Path.Combine(data.BlobsRoot, digest.Algorithm, digest.Hex[..2], digest.Hex);

    public bool Exists(Digest digest) => File.Exists(PathOf(digest));

    public long? SizeOf(Digest digest)
    {
        var info = new FileInfo(PathOf(digest));
        return info.Exists ? info.Length : null;
    }

    public FileStream OpenRead(Digest digest) =>
        new(PathOf(digest), new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read | FileShare.Delete, Options = FileOptions.Asynchronous | FileOptions.SequentialScan, BufferSize = 0 });

    /// <summary>Writes bytes whose digest the caller computed (manifests): temp file, fsync, rename.</summary>
    public async Task PutAsync(Digest digest, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (Exists(digest)) return;
        var tmp = Path.Combine(data.TempRoot, Guid.NewGuid().ToString("N"));
        await using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
        {
            await fs.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            fs.Flush(flushToDisk: true);
        }
        Commit(tmp, digest);
    }

    /// <summary>Moves a verified file into place. The hash of <paramref name="file"/> must already equal <paramref name="digest"/>.</summary>
    public void Commit(string file, Digest digest)
    {
        var final = PathOf(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        if (File.Exists(final))
        {
            File.Delete(file);
            return;
        }
        File.Move(file, final, overwrite: true);
        FsyncDirectory(Path.GetDirectoryName(final)!);
    }

    public static async Task<Digest> HashFileAsync(string path, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var h = IncrementalHash.CreateHash(algorithm);
        var buffer = new byte[1 << 20];
        int n;
        while ((n = await fs.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0) h.AppendData(buffer, 0, n);
        return new Digest(algorithm == HashAlgorithmName.SHA512 ? "sha512" : "sha256", Convert.ToHexStringLower(h.GetHashAndReset()));
    }

    // A rename is durable only once its directory entry is on disk.
    private static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.None);
            RandomAccess.FlushToDisk(handle);
        }
        catch (UnauthorizedAccessException)
        {
            // Some filesystems refuse opening directories; the rename is still atomic, only its durability is weaker.
        }
        catch (IOException)
        {
        }
    }
}
