using System.Net;
using System.Net.Http.Headers;
using Vigil.Core.Model;
using Vigil.Server.Tests.Support;
using Xunit;

namespace Vigil.Server.Tests.Distribution;

/// <summary>
/// kill -9 during a blob upload and during tag updates, then a restart on the same data directory:
/// no partial blob is ever served, and the tag resolves to its old or its new manifest, never to a broken one.
/// </summary>
public sealed class CrashSafetyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(Uri baseAddress) => new()
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(1),
        DefaultRequestHeaders = { Authorization = VigilInstance.Basic("alice") },
    };

    [Fact]
    public async Task Kill_during_blob_upload_never_serves_a_partial_blob()
    {
        using var dir = new TempDir();
        await VigilInstance.SeedAsync(dir.Path, Ct);
        var data = TestImage.RandomBytes(8 * 1024 * 1024);
        var digest = Digest.Sha256(data);
        string location;
        await using (var host = await HostProcess.StartAsync(dir.Path, Ct))
        {
            using var http = Client(host.BaseAddress);
            using var post = await http.PostAsync("/v2/team/crash/blobs/uploads/", new ByteArrayContent([]), Ct);
            location = post.Headers.Location!.ToString();
            // Send half the blob, then keep the request open: the server is mid-write when it dies.
            var body = new HalfThenStall(data);
            var content = new StreamContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            var patch = http.PatchAsync(location, content, abandon.Token);
            await body.HalfSent.Task.WaitAsync(TimeSpan.FromMinutes(1), Ct);
            var uploads = Path.Combine(dir.Path, "uploads");
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (DateTime.UtcNow < deadline && !Directory.EnumerateFiles(uploads).Any(f => new FileInfo(f).Length > 0)) await Task.Delay(20, Ct);
            await host.KillAsync();
            // The client is blocked inside its own stalled body; give up on it rather than wait for a timeout.
            await abandon.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => patch);
        }

        await using (var host = await HostProcess.StartAsync(dir.Path, Ct))
        {
            using var http = Client(host.BaseAddress);
            using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/crash/blobs/{digest}"), Ct))
            {
                Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
            }
            // Closing the interrupted upload with the whole blob's digest must fail: it holds only part of it.
            using (var put = await http.PutAsync($"{location}?digest={digest}", new ByteArrayContent([]), Ct))
            {
                Assert.True(put.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"closing a partial upload gave {put.StatusCode}");
            }
            using (var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/crash/blobs/{digest}"), Ct))
            {
                Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
            }
            using var again = await http.PostAsync($"/v2/team/crash/blobs/uploads/?digest={digest}", new ByteArrayContent(data), Ct);
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            using var get = await http.GetAsync($"/v2/team/crash/blobs/{digest}", Ct);
            Assert.Equal(digest, Digest.Sha256(await get.Content.ReadAsByteArrayAsync(Ct)));
        }
    }

    [Fact]
    public async Task Kill_during_tag_updates_leaves_the_tag_on_a_whole_manifest()
    {
        using var dir = new TempDir();
        await VigilInstance.SeedAsync(dir.Path, Ct);
        var a = TestImage.Build("crash-a");
        var b = TestImage.Build("crash-b");
        await using (var host = await HostProcess.StartAsync(dir.Path, Ct))
        {
            using var http = Client(host.BaseAddress);
            foreach (var image in new[] { a, b })
            {
                foreach (var blob in image.Layers.Append(image.Config))
                {
                    using var r = await http.PostAsync($"/v2/team/tags/blobs/uploads/?digest={blob.Digest}", new ByteArrayContent(blob.Bytes), Ct);
                    Assert.Equal(HttpStatusCode.Created, r.StatusCode);
                }
            }
            using var first = await http.PutAsync("/v2/team/tags/manifests/latest", Manifest(a), Ct);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        for (var round = 0; round < 3; round++)
        {
            await using (var host = await HostProcess.StartAsync(dir.Path, Ct))
            {
                using var http = Client(host.BaseAddress);
                await AssertWholeAsync(http, a, b);
                // Flip the tag as fast as the server takes it, from two clients, and kill it mid-flight.
                using var stop = new CancellationTokenSource();
                var updates = 0;
                async Task FlipAsync(TestImage x, TestImage y)
                {
                    try
                    {
                        for (var i = 0; !stop.IsCancellationRequested; i++)
                        {
                            using var r = await http.PutAsync("/v2/team/tags/manifests/latest", Manifest(i % 2 == 0 ? x : y), stop.Token);
                            Interlocked.Increment(ref updates);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                    }
                }
                var flippers = new[] { FlipAsync(a, b), FlipAsync(b, a) };
                var deadline = DateTime.UtcNow.AddMinutes(1);
                while (Volatile.Read(ref updates) < 20 + (round * 7) && DateTime.UtcNow < deadline) await Task.Delay(5, Ct);
                await host.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(flippers);
            }
        }

        await using (var host = await HostProcess.StartAsync(dir.Path, Ct))
        {
            using var http = Client(host.BaseAddress);
            await AssertWholeAsync(http, a, b);
        }
    }

    /// <summary>The tag resolves to A or B, its bytes hash to its digest, and every blob it names is served whole.</summary>
    private static async Task AssertWholeAsync(HttpClient http, TestImage a, TestImage b)
    {
        using var get = await http.GetAsync("/v2/team/tags/manifests/latest", Ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var bytes = await get.Content.ReadAsByteArrayAsync(Ct);
        var digest = Digest.Sha256(bytes);
        var image = digest == a.Manifest.Digest ? a : digest == b.Manifest.Digest ? b : null;
        Assert.NotNull(image);
        Assert.Equal(digest.ToString(), get.Headers.GetValues("Docker-Content-Digest").Single());
        foreach (var blob in image.Layers.Append(image.Config))
        {
            using var r = await http.GetAsync($"/v2/team/tags/blobs/{blob.Digest}", Ct);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(blob.Digest, Digest.Sha256(await r.Content.ReadAsByteArrayAsync(Ct)));
        }
    }

    private static ByteArrayContent Manifest(TestImage image)
    {
        var c = new ByteArrayContent(image.Manifest.Bytes);
        c.Headers.ContentType = new MediaTypeHeaderValue(TestImage.ManifestType);
        return c;
    }

    /// <summary>A request body that yields half its bytes and then never ends.</summary>
    private sealed class HalfThenStall(byte[] data) : Stream
    {
        private int position;

        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var half = data.Length / 2;
            if (position >= half)
            {
                HalfSent.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            var n = Math.Min(buffer.Length, half - position);
            data.AsMemory(position, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
