using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Server.Tests.Support;
using Xunit;

namespace Vigil.Server.Tests.Distribution;

/// <summary>
/// The OCI distribution spec v1.1 workflows (pull, push, content discovery, content management), written from the
/// spec's text: each status code and header it requires. The same tests run against vigil serve and, as a check on
/// the tests themselves, against the CNCF registry.
/// </summary>
public abstract class ConformanceTests(IRegistryTarget target)
{
    protected HttpClient Http => target.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual void RequireTarget()
    {
    }

    private string NewRepo() => $"conformance/r{Guid.NewGuid():N}"[..30];

    // ---- helpers: each is one request as the spec writes it ----

    private async Task<HttpResponseMessage> PushBlobMonolithicAsync(string repo, Blob blob)
    {
        var content = new ByteArrayContent(blob.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var post = await Http.PostAsync($"/v2/{repo}/blobs/uploads/?digest={blob.Digest}", content, Ct);
        if (post.StatusCode != HttpStatusCode.Accepted) return post;
        // The spec lets a registry decline the single POST with 202; the client then finishes with a PUT.
        var location = post.Headers.Location!.ToString();
        post.Dispose();
        var put = new ByteArrayContent(blob.Bytes);
        put.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await Http.PutAsync(AddQuery(location, $"digest={blob.Digest}"), put, Ct);
    }

    private async Task PushImageAsync(string repo, TestImage image, string reference)
    {
        foreach (var b in image.Layers.Append(image.Config))
        {
            using var r = await PushBlobMonolithicAsync(repo, b);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        using var m = await PutManifestAsync(repo, reference, image.Manifest.Bytes, image.Manifest.MediaType);
        Assert.Equal(HttpStatusCode.Created, m.StatusCode);
    }

    private async Task<HttpResponseMessage> PutManifestAsync(string repo, string reference, byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await Http.PutAsync($"/v2/{repo}/manifests/{reference}", content, Ct);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage r, HttpStatusCode status, string code)
    {
        Assert.Equal(status, r.StatusCode);
        if (r.RequestMessage?.Method == HttpMethod.Head) return;
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct));
        var codes = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Contains(code, codes);
    }

    private static string Header(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : r.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : "";

    // ---- pull ----

    [Fact]
    public async Task Base_endpoint_answers_200()
    {
        RequireTarget();
        using var r = await Http.GetAsync("/v2/", Ct);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task Pull_blob_by_digest_with_HEAD_and_GET()
    {
        RequireTarget();
        var repo = NewRepo();
        var blob = new Blob(TestImage.RandomBytes(5000), "application/octet-stream");
        using (var r = await PushBlobMonolithicAsync(repo, blob))
        {
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            Assert.False(string.IsNullOrEmpty(r.Headers.Location?.ToString()));
        }
        using (var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{blob.Digest}"), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(blob.Bytes.Length, head.Content.Headers.ContentLength);
            Assert.Equal(blob.Digest.ToString(), Header(head, "Docker-Content-Digest"));
        }
        using var get = await Http.GetAsync($"/v2/{repo}/blobs/{blob.Digest}", Ct);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(blob.Bytes, await get.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Pull_unknown_blob_is_404_BLOB_UNKNOWN()
    {
        RequireTarget();
        var repo = NewRepo();
        await PushImageAsync(repo, TestImage.Build("x"), "latest");
        var missing = new Blob(TestImage.RandomBytes(10), "application/octet-stream");
        using var r = await Http.GetAsync($"/v2/{repo}/blobs/{missing.Digest}", Ct);
        await AssertErrorAsync(r, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{missing.Digest}"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Pull_manifest_by_tag_and_by_digest_returns_the_exact_bytes()
    {
        RequireTarget();
        var repo = NewRepo();
        var image = TestImage.Build("pull");
        foreach (var b in image.Layers.Append(image.Config)) (await PushBlobMonolithicAsync(repo, b)).Dispose();
        using (var put = await PutManifestAsync(repo, "v1", image.Manifest.Bytes, image.Manifest.MediaType))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            Assert.False(string.IsNullOrEmpty(put.Headers.Location?.ToString()));
            Assert.Equal(image.Manifest.Digest.ToString(), Header(put, "Docker-Content-Digest"));
        }
        foreach (var reference in new[] { "v1", image.Manifest.Digest.ToString() })
        {
            var req = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/{reference}");
            req.Headers.Accept.ParseAdd(TestImage.ManifestType);
            using var get = await Http.SendAsync(req, Ct);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(TestImage.ManifestType, get.Content.Headers.ContentType?.MediaType);
            Assert.Equal(image.Manifest.Digest.ToString(), Header(get, "Docker-Content-Digest"));
            Assert.Equal(image.Manifest.Bytes, await get.Content.ReadAsByteArrayAsync(Ct));
            var headReq = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/manifests/{reference}");
            headReq.Headers.Accept.ParseAdd(TestImage.ManifestType);
            using var head = await Http.SendAsync(headReq, Ct);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(image.Manifest.Bytes.Length, head.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task Pull_unknown_manifest_is_404_MANIFEST_UNKNOWN()
    {
        RequireTarget();
        var repo = NewRepo();
        await PushImageAsync(repo, TestImage.Build("y"), "latest");
        var req = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/nope");
        req.Headers.Accept.ParseAdd(TestImage.ManifestType);
        using var r = await Http.SendAsync(req, Ct);
        await AssertErrorAsync(r, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Pull_index_and_docker_media_types()
    {
        RequireTarget();
        var repo = NewRepo();
        var image = TestImage.Build("index");
        await PushImageAsync(repo, image, image.Manifest.Digest.ToString());
        var index = Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"{{{TestImage.ManifestType}}}","digest":"{{{image.Manifest.Digest}}}","size":{{{image.Manifest.Bytes.Length}}},"platform":{"architecture":"amd64","os":"linux"}}]}
            """.Trim());
        using (var put = await PutManifestAsync(repo, "multi", index, "application/vnd.oci.image.index.v1+json"))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        var req = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/multi");
        req.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
        using (var get = await Http.SendAsync(req, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("application/vnd.oci.image.index.v1+json", get.Content.Headers.ContentType?.MediaType);
            Assert.Equal(index, await get.Content.ReadAsByteArrayAsync(Ct));
        }

        const string dockerType = "application/vnd.docker.distribution.manifest.v2+json";
        var dockerConfig = new Blob(image.Config.Bytes, "application/vnd.docker.container.image.v1+json");
        var dockerLayer = new Blob(image.Layers[0].Bytes, "application/vnd.docker.image.rootfs.diff.tar.gzip");
        var docker = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{dockerType}}","config":{{dockerConfig.Descriptor}},"layers":[{{dockerLayer.Descriptor}}]}""");
        using (var put = await PutManifestAsync(repo, "docker", docker, dockerType))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        var dreq = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/docker");
        dreq.Headers.Accept.ParseAdd(dockerType);
        using var dget = await Http.SendAsync(dreq, Ct);
        Assert.Equal(HttpStatusCode.OK, dget.StatusCode);
        Assert.Equal(dockerType, dget.Content.Headers.ContentType?.MediaType);
        Assert.Equal(docker, await dget.Content.ReadAsByteArrayAsync(Ct));
    }

    // ---- push ----

    [Fact]
    public async Task Push_POST_then_PUT_monolithic()
    {
        RequireTarget();
        var repo = NewRepo();
        var blob = new Blob(TestImage.RandomBytes(3000), "application/octet-stream");
        using var post = await Http.PostAsync($"/v2/{repo}/blobs/uploads/", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var location = post.Headers.Location!.ToString();
        var content = new ByteArrayContent(blob.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await Http.PutAsync(AddQuery(location, $"digest={blob.Digest}"), content, Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.False(string.IsNullOrEmpty(put.Headers.Location?.ToString()));
        using var get = await Http.GetAsync($"/v2/{repo}/blobs/{blob.Digest}", Ct);
        Assert.Equal(blob.Bytes, await get.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Push_in_chunks_with_status_between()
    {
        RequireTarget();
        var repo = NewRepo();
        var blob = new Blob(TestImage.RandomBytes(10_000), "application/octet-stream");
        using var post = await Http.PostAsync($"/v2/{repo}/blobs/uploads/", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var location = post.Headers.Location!.ToString();
        foreach (var (start, end) in new[] { (0, 3999), (4000, 7999) })
        {
            var chunk = new ByteArrayContent(blob.Bytes[start..(end + 1)]);
            chunk.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            chunk.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{end}");
            using var patch = await Http.PatchAsync(location, chunk, Ct);
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
            Assert.Equal($"0-{end}", Header(patch, "Range"));
            location = patch.Headers.Location!.ToString();
            using var status = await Http.GetAsync(location, Ct);
            Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
            Assert.Equal($"0-{end}", Header(status, "Range"));
            Assert.False(string.IsNullOrEmpty(status.Headers.Location?.ToString()));
        }
        var last = new ByteArrayContent(blob.Bytes[8000..]);
        last.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        last.Headers.TryAddWithoutValidation("Content-Range", $"8000-{blob.Bytes.Length - 1}");
        using var put = await Http.PutAsync(AddQuery(location, $"digest={blob.Digest}"), last, Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var get = await Http.GetAsync($"/v2/{repo}/blobs/{blob.Digest}", Ct);
        Assert.Equal(blob.Bytes, await get.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Push_chunk_out_of_order_is_416()
    {
        RequireTarget();
        if (!target.HasV11Extras) Assert.Skip($"{target.Name} (distribution 2.8) does not check Content-Range on PATCH, which the spec requires");
        var repo = NewRepo();
        using var post = await Http.PostAsync($"/v2/{repo}/blobs/uploads/", new ByteArrayContent([]), Ct);
        var location = post.Headers.Location!.ToString();
        var first = new ByteArrayContent(new byte[100]);
        first.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        first.Headers.TryAddWithoutValidation("Content-Range", "0-99");
        using var p1 = await Http.PatchAsync(location, first, Ct);
        Assert.Equal(HttpStatusCode.Accepted, p1.StatusCode);
        location = p1.Headers.Location!.ToString();
        var skipped = new ByteArrayContent(new byte[100]);
        skipped.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        skipped.Headers.TryAddWithoutValidation("Content-Range", "200-299");
        using var p2 = await Http.PatchAsync(location, skipped, Ct);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, p2.StatusCode);
        using var status = await Http.GetAsync(location, Ct);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-99", Header(status, "Range"));
    }

    [Fact]
    public async Task Push_with_wrong_digest_is_400_DIGEST_INVALID_and_leaves_no_blob()
    {
        RequireTarget();
        var repo = NewRepo();
        var blob = new Blob(TestImage.RandomBytes(100), "application/octet-stream");
        var other = new Blob(TestImage.RandomBytes(100), "application/octet-stream");
        using var post = await Http.PostAsync($"/v2/{repo}/blobs/uploads/", new ByteArrayContent([]), Ct);
        var content = new ByteArrayContent(blob.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await Http.PutAsync(AddQuery(post.Headers.Location!.ToString(), $"digest={other.Digest}"), content, Ct);
        await AssertErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        foreach (var d in new[] { blob.Digest, other.Digest })
        {
            using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{d}"), Ct);
            Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        }
    }

    [Fact]
    public async Task Push_cross_repository_mount_is_201()
    {
        RequireTarget();
        var from = NewRepo();
        var to = NewRepo();
        var blob = new Blob(TestImage.RandomBytes(2000), "application/octet-stream");
        (await PushBlobMonolithicAsync(from, blob)).Dispose();
        using var mount = await Http.PostAsync($"/v2/{to}/blobs/uploads/?mount={blob.Digest}&from={from}", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.False(string.IsNullOrEmpty(mount.Headers.Location?.ToString()));
        using var get = await Http.GetAsync($"/v2/{to}/blobs/{blob.Digest}", Ct);
        Assert.Equal(blob.Bytes, await get.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Push_manifest_with_missing_blob_is_400_MANIFEST_BLOB_UNKNOWN()
    {
        RequireTarget();
        var repo = NewRepo();
        var image = TestImage.Build("missing");
        (await PushBlobMonolithicAsync(repo, image.Config)).Dispose();
        using var put = await PutManifestAsync(repo, "broken", image.Manifest.Bytes, image.Manifest.MediaType);
        await AssertErrorAsync(put, HttpStatusCode.BadRequest, "MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Push_manifest_by_wrong_digest_is_400_DIGEST_INVALID()
    {
        RequireTarget();
        var repo = NewRepo();
        var image = TestImage.Build("d");
        foreach (var b in image.Layers.Append(image.Config)) (await PushBlobMonolithicAsync(repo, b)).Dispose();
        var wrong = new Blob(TestImage.RandomBytes(8), "x").Digest;
        using var put = await PutManifestAsync(repo, wrong.ToString(), image.Manifest.Bytes, image.Manifest.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        await AssertErrorAsync(put, HttpStatusCode.BadRequest, "DIGEST_INVALID");
    }

    [Fact]
    public async Task Cancelled_upload_is_gone()
    {
        RequireTarget();
        var repo = NewRepo();
        using var post = await Http.PostAsync($"/v2/{repo}/blobs/uploads/", new ByteArrayContent([]), Ct);
        var location = post.Headers.Location!.ToString();
        using var del = await Http.DeleteAsync(location, Ct);
        Assert.Equal(HttpStatusCode.NoContent, del.StatusCode);
        using var status = await Http.GetAsync(location, Ct);
        await AssertErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
    }

    // ---- content discovery ----

    [Fact]
    public async Task Tags_list_is_sorted_and_paginates_with_Link()
    {
        RequireTarget();
        var repo = NewRepo();
        var image = TestImage.Build("tags");
        await PushImageAsync(repo, image, "c");
        foreach (var t in new[] { "a", "e", "b", "d" })
        {
            using var r = await PutManifestAsync(repo, t, image.Manifest.Bytes, image.Manifest.MediaType);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        async Task<(List<string> Tags, string Link)> ListAsync(string query)
        {
            using var r = await Http.GetAsync($"/v2/{repo}/tags/list{query}", Ct);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct));
            Assert.Equal(repo, doc.RootElement.GetProperty("name").GetString());
            var tags = doc.RootElement.GetProperty("tags").ValueKind == JsonValueKind.Array
                ? doc.RootElement.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToList() : [];
            return (tags, Header(r, "Link"));
        }
        var all = (await ListAsync("")).Tags;
        // distribution 2.8 lists unpaginated tags in directory order; the spec asks for lexical order, which vigil gives.
        Assert.Equal("a,b,c,d,e", string.Join(",", target.HasV11Extras ? all : [.. all.Order(StringComparer.Ordinal)]));
        // distribution 2.8 ignores n and last (tag pagination arrived in distribution 3).
        if (!target.HasV11Extras) return;
        var page1 = await ListAsync("?n=2");
        Assert.Equal("a,b", string.Join(',', page1.Tags));
        Assert.Contains("rel=\"next\"", page1.Link, StringComparison.Ordinal);
        Assert.Equal("c,d", string.Join(',', (await ListAsync("?n=2&last=b")).Tags));
        Assert.Equal("e", string.Join(',', (await ListAsync("?n=2&last=d")).Tags));
        Assert.Equal("", string.Join(',', (await ListAsync("?n=0")).Tags));
        Assert.Equal("d,e", string.Join(',', (await ListAsync("?last=c")).Tags));
    }

    [Fact]
    public async Task Referrers_list_manifests_with_a_subject()
    {
        RequireTarget();
        if (!target.HasV11Extras) Assert.Skip($"{target.Name} predates the referrers API");
        var repo = NewRepo();
        var image = TestImage.Build("subject");
        await PushImageAsync(repo, image, "latest");
        var emptyConfig = new Blob("{}"u8.ToArray(), "application/vnd.oci.empty.v1+json");
        var sbom = new Blob("{\"sbom\":true}"u8.ToArray(), "application/spdx+json");
        (await PushBlobMonolithicAsync(repo, emptyConfig)).Dispose();
        (await PushBlobMonolithicAsync(repo, sbom)).Dispose();
        var artifact = Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"{{{TestImage.ManifestType}}}","artifactType":"application/spdx+json","config":{{{emptyConfig.Descriptor}}},"layers":[{{{sbom.Descriptor}}}],"subject":{{{image.Manifest.Descriptor}}},"annotations":{"org.example":"yes"}}
            """.Trim());
        using (var put = await PutManifestAsync(repo, Vigil.Core.Model.Digest.Sha256(artifact).ToString(), artifact, TestImage.ManifestType))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            Assert.Equal(image.Manifest.Digest.ToString(), Header(put, "OCI-Subject"));
        }
        using var r = await Http.GetAsync($"/v2/{repo}/referrers/{image.Manifest.Digest}", Ct);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.oci.image.index.v1+json", r.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct));
        var m = Assert.Single(doc.RootElement.GetProperty("manifests").EnumerateArray());
        Assert.Equal("application/spdx+json", m.GetProperty("artifactType").GetString());
        Assert.Equal("yes", m.GetProperty("annotations").GetProperty("org.example").GetString());

        using var filtered = await Http.GetAsync($"/v2/{repo}/referrers/{image.Manifest.Digest}?artifactType=application/other", Ct);
        Assert.Equal("artifactType", Header(filtered, "OCI-Filters-Applied"));
        using var fdoc = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync(Ct));
        Assert.Empty(fdoc.RootElement.GetProperty("manifests").EnumerateArray());

        var nothing = new Blob(TestImage.RandomBytes(4), "x").Digest;
        using var none = await Http.GetAsync($"/v2/{repo}/referrers/{nothing}", Ct);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    // ---- content management ----

    [Fact]
    public async Task Delete_manifest_then_it_is_404()
    {
        RequireTarget();
        var repo = NewRepo();
        var image = TestImage.Build("del");
        await PushImageAsync(repo, image, "gone");
        using var del = await Http.DeleteAsync($"/v2/{repo}/manifests/{image.Manifest.Digest}", Ct);
        Assert.Equal(HttpStatusCode.Accepted, del.StatusCode);
        var req = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/{image.Manifest.Digest}");
        req.Headers.Accept.ParseAdd(TestImage.ManifestType);
        using var get = await Http.SendAsync(req, Ct);
        await AssertErrorAsync(get, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
    }

    [Fact]
    public async Task Delete_tag_keeps_the_manifest()
    {
        RequireTarget();
        if (!target.HasV11Extras) Assert.Skip($"{target.Name} does not delete by tag");
        var repo = NewRepo();
        var image = TestImage.Build("deltag");
        await PushImageAsync(repo, image, "t1");
        using var del = await Http.DeleteAsync($"/v2/{repo}/manifests/t1", Ct);
        Assert.Equal(HttpStatusCode.Accepted, del.StatusCode);
        using var byTag = await Http.GetAsync($"/v2/{repo}/manifests/t1", Ct);
        Assert.Equal(HttpStatusCode.NotFound, byTag.StatusCode);
        using var byDigest = await Http.GetAsync($"/v2/{repo}/manifests/{image.Manifest.Digest}", Ct);
        Assert.Equal(HttpStatusCode.OK, byDigest.StatusCode);
    }

    [Fact]
    public async Task Delete_blob_then_it_is_404()
    {
        RequireTarget();
        var repo = NewRepo();
        var blob = new Blob(TestImage.RandomBytes(64), "application/octet-stream");
        (await PushBlobMonolithicAsync(repo, blob)).Dispose();
        using var del = await Http.DeleteAsync($"/v2/{repo}/blobs/{blob.Digest}", Ct);
        Assert.Equal(HttpStatusCode.Accepted, del.StatusCode);
        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{blob.Digest}"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    private static string AddQuery(string location, string query) => location + (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
}

public sealed class VigilConformanceTests(VigilTarget target) : ConformanceTests(target), IClassFixture<VigilTarget>;

public sealed class CncfConformanceTests(CncfTarget target) : ConformanceTests(target), IClassFixture<CncfTarget>
{
    protected override void RequireTarget() => target.Require();
}
