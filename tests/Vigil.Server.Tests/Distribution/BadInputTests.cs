using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Server.Tests.Scanning;
using Vigil.Server.Tests.Support;
using Xunit;

namespace Vigil.Server.Tests.Distribution;

/// <summary>Bad input gets the spec's status and error code, and leaves nothing half-written behind.</summary>
public sealed class BadInputTests(VigilTarget target) : IClassFixture<VigilTarget>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => target.Client;

    private static async Task<string> CodeAsync(HttpResponseMessage r)
    {
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.GetProperty("errors")[0].GetProperty("code").GetString()!;
    }

    private static ByteArrayContent Manifest(byte[] bytes, string type = TestImage.ManifestType)
    {
        var c = new ByteArrayContent(bytes);
        c.Headers.ContentType = new MediaTypeHeaderValue(type);
        return c;
    }

    [Fact]
    public async Task Manifest_referencing_missing_blobs_is_MANIFEST_BLOB_UNKNOWN_and_not_tagged()
    {
        var image = TestImage.Build("bad-missing");
        using var put = await Http.PutAsync("/v2/bad/missing/manifests/latest", Manifest(image.Manifest.Bytes), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", await CodeAsync(put));
        using var get = await Http.GetAsync("/v2/bad/missing/manifests/latest", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Blob_digest_mismatch_is_DIGEST_INVALID_monolithic_too()
    {
        var data = TestImage.RandomBytes(500);
        var wrong = new Blob(TestImage.RandomBytes(500), "x").Digest;
        using var post = await Http.PostAsync($"/v2/bad/digest/blobs/uploads/?digest={wrong}", new ByteArrayContent(data), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("DIGEST_INVALID", await CodeAsync(post));
        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/bad/digest/blobs/{wrong}"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using var notDigest = await Http.GetAsync("/v2/bad/digest/blobs/sha256:xyz", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notDigest.StatusCode);
        Assert.Equal("DIGEST_INVALID", await CodeAsync(notDigest));
    }

    [Fact]
    public async Task Chunk_out_of_order_is_416_and_the_upload_keeps_its_bytes()
    {
        using var post = await Http.PostAsync("/v2/bad/chunks/blobs/uploads/", new ByteArrayContent([]), Ct);
        var location = post.Headers.Location!.ToString();
        var c = new ByteArrayContent(new byte[10]);
        c.Headers.TryAddWithoutValidation("Content-Range", "5-14");
        using var patch = await Http.PatchAsync(location, c, Ct);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, patch.StatusCode);
        Assert.Equal("BLOB_UPLOAD_INVALID", await CodeAsync(patch));
        using var status = await Http.GetAsync(location, Ct);
        Assert.Equal("0-0", string.Join(",", status.Headers.GetValues("Range")));
    }

    [Fact]
    public async Task Oversized_manifest_is_413()
    {
        var big = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"annotations\":{\"x\":\"" + new string('a', 4 * 1024 * 1024 + 10) + "\"}}");
        using var put = await Http.PutAsync("/v2/bad/big/manifests/latest", Manifest(big), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
        Assert.Equal("MANIFEST_INVALID", await CodeAsync(put));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"schemaVersion\":1}")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:nothex\",\"size\":1},\"layers\":[]}")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"size\":\"big\"},\"layers\":[]}")]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.example.unknown\"}")]
    public async Task Junk_manifest_is_MANIFEST_INVALID(string body)
    {
        using var put = await Http.PutAsync("/v2/bad/junk/manifests/latest", Manifest(Encoding.UTF8.GetBytes(body)), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("MANIFEST_INVALID", await CodeAsync(put));
    }

    [Fact]
    public async Task Content_type_contradicting_the_manifest_is_MANIFEST_INVALID()
    {
        var image = TestImage.Build("ct");
        await ScanFlowTests.PushAsync(target.Instance, "team/ct", "ok", image);
        using var admin = target.Instance.Client(VigilInstance.Basic("admin"));
        using var put = await admin.PutAsync("/v2/team/ct/manifests/latest", Manifest(image.Manifest.Bytes, "application/vnd.oci.image.index.v1+json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("MANIFEST_INVALID", await CodeAsync(put));
    }

    [Theory]
    [InlineData("/v2/Upper/Case/tags/list")]
    [InlineData("/v2/single/tags/list")]
    [InlineData("/v2/a/b..c/tags/list")]
    public async Task Invalid_repository_name_is_NAME_INVALID(string path)
    {
        using var r = await Http.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("NAME_INVALID", await CodeAsync(r));
    }

    [Fact]
    public async Task Unknown_upload_is_BLOB_UPLOAD_UNKNOWN()
    {
        using var r = await Http.PatchAsync($"/v2/bad/up/blobs/uploads/{Guid.NewGuid()}", new ByteArrayContent([1]), Ct);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", await CodeAsync(r));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"platform\": 5}")]
    [InlineData("{\"platform\": \"linux\"}")]
    [InlineData("{\"unexpected\": true}")]
    [InlineData("[1,2,3]")]
    public async Task Junk_json_on_the_scan_api_is_400(string body)
    {
        await ScanFlowTests.PushAsync(target.Instance, "team/junk", "latest", TestImage.Build("junk"));
        using var admin = target.Instance.Client(VigilInstance.Basic("admin"));
        using var r = await admin.PostAsync("/api/v0/repositories/team/junk/tags/latest/scan", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("INVALID_REQUEST", await CodeAsync(r));
        using var settings = await admin.PutAsync("/api/v0/repositories/team/junk/settings", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, settings.StatusCode);
    }

    [Fact]
    public async Task Scan_of_a_missing_tag_is_404()
    {
        using var admin = target.Instance.Client(VigilInstance.Basic("admin"));
        using var r = await admin.PostAsync("/api/v0/repositories/team/none/tags/latest/scan", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", await CodeAsync(r));
    }
}
