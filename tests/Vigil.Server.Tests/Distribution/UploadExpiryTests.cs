using System.Net;
using System.Text.Json;
using Vigil.Server.Tests.Support;
using Xunit;

namespace Vigil.Server.Tests.Distribution;

/// <summary>Upload sessions that nothing writes to are swept away; one that keeps receiving chunks is not.</summary>
public sealed class UploadExpiryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_idle_upload_and_a_stray_file_are_removed()
    {
        await using var vigil = await VigilInstance.StartAsync(null, Ct, uploadExpiry: TimeSpan.FromSeconds(2));
        using var http = vigil.Client(VigilInstance.Basic("alice"));
        using var post = await http.PostAsync("/v2/team/idle/blobs/uploads/", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var location = post.Headers.Location!.ToString();
        using (var patch = await http.PatchAsync(location, new ByteArrayContent(new byte[100]), Ct)) Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        var uploads = Path.Combine(vigil.DataDirectory, "uploads");
        var stray = Path.Combine(uploads, "left-by-a-crash");
        await File.WriteAllBytesAsync(stray, new byte[10], Ct);
        File.SetLastWriteTimeUtc(stray, DateTime.UtcNow.AddDays(-2));

        // The janitor sweeps every second with this expiry: give it ample time on a busy machine.
        HttpStatusCode status = HttpStatusCode.Accepted;
        for (var i = 0; i < 60 && status != HttpStatusCode.NotFound; i++)
        {
            await Task.Delay(500, Ct);
            using var get = await http.GetAsync(location, Ct);
            status = get.StatusCode;
            if (status == HttpStatusCode.NotFound)
            {
                using var doc = JsonDocument.Parse(await get.Content.ReadAsStringAsync(Ct));
                Assert.Equal("BLOB_UPLOAD_UNKNOWN", doc.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Empty(Directory.GetFiles(uploads));
    }

    [Fact]
    public async Task An_upload_that_keeps_receiving_chunks_outlives_the_expiry_and_completes()
    {
        await using var vigil = await VigilInstance.StartAsync(null, Ct, uploadExpiry: TimeSpan.FromSeconds(5));
        using var http = vigil.Client(VigilInstance.Basic("alice"));
        using var post = await http.PostAsync("/v2/team/busy/blobs/uploads/", new ByteArrayContent([]), Ct);
        var location = post.Headers.Location!.ToString();
        var data = TestImage.RandomBytes(8 * 100);
        for (var i = 0; i < 8; i++)
        {
            // 8 chunks a second apart: 8 s in all, well past the 5 s expiry, but never 5 s without a write.
            var chunk = new ByteArrayContent(data, i * 100, 100);
            chunk.Headers.TryAddWithoutValidation("Content-Range", $"{i * 100}-{(i * 100) + 99}");
            using var patch = await http.PatchAsync(location, chunk, Ct);
            Assert.True(patch.StatusCode == HttpStatusCode.Accepted, $"chunk {i}: {patch.StatusCode}");
            location = patch.Headers.Location!.ToString();
            await Task.Delay(1000, Ct);
        }

        var digest = new Blob(data, "application/octet-stream").Digest;
        var separator = location.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        using var put = await http.PutAsync($"{location}{separator}digest={digest}", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }
}
