using System.Text;
using Vigil.Core.Model;
using Vigil.Images.Cache;
using Xunit;

namespace Vigil.Images.Tests.Registry;

public sealed class BlobCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-cache-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Stores_only_bytes_that_match_their_digest()
    {
        var cache = new BlobCache(_dir, 1 << 20);
        var good = Encoding.UTF8.GetBytes("good blob");
        var digest = Digest.Sha256(good);
        Assert.False(cache.TryPut(digest, Encoding.UTF8.GetBytes("evil blob")));
        Assert.False(cache.Contains(digest));
        Assert.Empty(Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories));

        Assert.True(cache.TryPut(digest, good));
        using var read = cache.TryOpenRead(digest)!;
        using var ms = new MemoryStream();
        read.CopyTo(ms);
        Assert.Equal(good, ms.ToArray());
    }

    [Fact]
    public void An_abandoned_write_leaves_nothing()
    {
        var cache = new BlobCache(_dir, 1 << 20);
        var digest = Digest.Sha256("x"u8);
        using (var w = cache.BeginWrite(digest)) w.Write("x"u8);
        Assert.False(cache.Contains(digest));
        Assert.Empty(Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Trims_least_recently_used_first()
    {
        var cache = new BlobCache(_dir, 250);
        var blobs = Enumerable.Range(0, 3).Select(i => Encoding.UTF8.GetBytes(new string((char)('a' + i), 100))).ToList();
        var digests = blobs.Select(b => Digest.Sha256(b)).ToList();
        Assert.True(cache.TryPut(digests[0], blobs[0]));
        Assert.True(cache.TryPut(digests[1], blobs[1]));
        File.SetLastWriteTimeUtc(cache.PathOf(digests[0]), DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(cache.PathOf(digests[1]), DateTime.UtcNow.AddHours(-3));
        // Reading blob 0 makes it the most recently used, so blob 1 is the one to go.
        cache.TryOpenRead(digests[0])!.Dispose();
        cache.TryPut(digests[2], blobs[2]);
        Assert.True(cache.Contains(digests[0]));
        Assert.False(cache.Contains(digests[1]));
        Assert.True(cache.Contains(digests[2]));
    }

    [Fact]
    public async Task Concurrent_writers_of_one_blob_leave_one_good_copy()
    {
        var cache = new BlobCache(_dir, 1 << 24);
        var data = new byte[1 << 20];
        new Random(4).NextBytes(data);
        var digest = Digest.Sha256(data);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            using var w = cache.BeginWrite(digest);
            for (var off = 0; off < data.Length; off += 65536) w.Write(data.AsSpan(off, 65536));
            return w.Commit();
        }, TestContext.Current.CancellationToken)));
        Assert.All(results, Assert.True);
        Assert.Equal(data, await File.ReadAllBytesAsync(cache.PathOf(digest), TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dir, "tmp")));
    }
}
