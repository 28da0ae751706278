using System.Security.Cryptography;
using Vigil.Core.Model;

namespace Vigil.Images.Cache;

/// <summary>A blob being written to the cache; it hashes what it is given and refuses to commit a mismatch.</summary>
public sealed class BlobCacheWriter : IDisposable
{
    private readonly BlobCache _cache;
    private readonly Digest _digest;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash;
    private bool _done;

    internal BlobCacheWriter(BlobCache cache, Digest digest, string tempPath)
    {
        _cache = cache;
        _digest = digest;
        _tempPath = tempPath;
        _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        _hash = IncrementalHash.CreateHash(digest.HashAlgorithm);
    }

    public long Length { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        _file.Write(data);
        _hash.AppendData(data);
        Length += data.Length;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _file.WriteAsync(data, cancellationToken);
        _hash.AppendData(data.Span);
        Length += data.Length;
    }

    /// <summary>Publishes the blob when its bytes hash to the digest; otherwise discards them and returns false.</summary>
    public bool Commit()
    {
        if (_done) return false;
        _done = true;
        _file.Flush(flushToDisk: false);
        _file.Dispose();
        var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (actual != _digest.Hex)
        {
            BlobCache.TryDelete(_tempPath);
            return false;
        }
        return _cache.CommitFile(_digest, _tempPath);
    }

    /// <summary>Throws the bytes away.</summary>
    public void Abandon()
    {
        if (_done) return;
        _done = true;
        _file.Dispose();
        BlobCache.TryDelete(_tempPath);
    }

    public void Dispose()
    {
        Abandon();
        _hash.Dispose();
    }
}
