using System.Net;
using System.Text.Json;
using Vigil.Server.Tests.Support;
using Xunit;

namespace Vigil.Server.Tests.Scanning;

/// <summary>
/// The seed's flow with real clients: skopeo pushes with credentials, scan on push completes, the scan API answers with
/// a bearer token, and skopeo copies the image back out with the same digest.
/// </summary>
public sealed class ScanFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Skopeo_push_scan_on_push_scan_api_and_pull_back()
    {
        Tools.Require("skopeo");
        var engine = new FixtureScanEngine();
        await using var vigil = await VigilInstance.StartAsync(engine, Ct);
        using var dir = new TempDir();
        var image = TestImage.Build("flow");
        image.WriteLayout(dir.Combine("in"), "latest");

        var push = await Skopeo.CopyAsync($"oci:{dir.Combine("in")}:latest", $"docker://{vigil.Server.Authority}/team/app:latest",
            null, $"alice:{VigilInstance.Password}", Ct);
        push.EnsureSuccess("skopeo push");

        using var api = vigil.Client(VigilInstance.Bearer(vigil.Tokens["alice"]));
        var onPush = await WaitForScanAsync(api, "/api/v0/repositories/team/app/tags/latest/scan-results");
        Assert.Equal("completed", onPush.GetProperty("status").GetString());
        AssertFixtureFindings(onPush, image.Manifest.Digest.ToString());

        using var post = await api.PostAsync("/api/v0/repositories/team/app/tags/latest/scan", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        using var accepted = JsonDocument.Parse(await post.Content.ReadAsStringAsync(Ct));
        var id = accepted.RootElement.GetProperty("id").GetInt64();
        var byId = await WaitForScanAsync(api, $"/api/v0/scans/{id}");
        AssertFixtureFindings(byId, image.Manifest.Digest.ToString());
        Assert.Equal(1, engine.IndexCalls);

        var pull = await Skopeo.CopyAsync($"docker://{vigil.Server.Authority}/team/app:latest", $"oci:{dir.Combine("out")}:latest",
            $"bob:{VigilInstance.Password}", null, Ct);
        pull.EnsureSuccess("skopeo pull");
        Assert.Equal(image.Manifest.Digest.ToString(), Skopeo.LayoutManifestDigest(dir.Combine("out")));
    }

    [Fact]
    public async Task Database_import_rematches_stored_indexes_without_reindexing()
    {
        var engine = new FixtureScanEngine();
        await using var vigil = await VigilInstance.StartAsync(engine, Ct);
        await PushAsync(vigil, "team/db", "v1", TestImage.Build("db"));
        using var api = vigil.Client(VigilInstance.Bearer(vigil.Tokens["alice"]));
        var before = await WaitForScanAsync(api, "/api/v0/repositories/team/db/tags/v1/scan-results");
        var versionBefore = before.GetProperty("database").GetProperty("version").GetString();
        Assert.DoesNotContain(Ids(before), id => id == "CVE-2025-45582");

        using var admin = vigil.Client(VigilInstance.Bearer(vigil.Tokens["admin"]));
        var body = new ByteArrayContent(await File.ReadAllBytesAsync(Vigil.TestKit.RepoPaths.Fixture("server", "advisories-v2.json"), Ct));
        using var import = await admin.PostAsync("/api/v0/db/import", body, Ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        using var imported = JsonDocument.Parse(await import.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, imported.RootElement.GetProperty("rematched").GetInt32());

        var after = await WaitForScanAsync(api, "/api/v0/repositories/team/db/tags/v1/scan-results");
        Assert.Contains(Ids(after), id => id == "CVE-2025-45582");
        Assert.NotEqual(versionBefore, after.GetProperty("database").GetProperty("version").GetString());
        Assert.Equal(1, after.GetProperty("summary").GetProperty("high").GetInt32());
        Assert.Equal(1, engine.IndexCalls);

        // Only admins import.
        using var alice = await api.PostAsync("/api/v0/db/import", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, alice.StatusCode);
    }

    [Fact]
    public async Task Dtr_routes_answer_in_dtr_shapes()
    {
        await using var vigil = await VigilInstance.StartAsync(new FixtureScanEngine(), Ct);
        await PushAsync(vigil, "team/dtr", "1.0", TestImage.Build("dtr"));
        using var api = vigil.Client(VigilInstance.Bearer(vigil.Tokens["alice"]));
        await WaitForScanAsync(api, "/api/v0/repositories/team/dtr/tags/1.0/scan-results");

        using var scan = await api.PostAsync("/api/v0/imagescan/scan/team/dtr/1.0/linux/amd64", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
        using var accepted = JsonDocument.Parse(await scan.Content.ReadAsStringAsync(Ct));
        await WaitForScanAsync(api, $"/api/v0/scans/{accepted.RootElement.GetProperty("id").GetInt64()}");

        using var summary = await api.GetAsync("/api/v0/imagescan/repositories/team/dtr/1.0?detailed=true", Ct);
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        using var doc = JsonDocument.Parse(await summary.Content.ReadAsStringAsync(Ct));
        var s = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("team", s.GetProperty("namespace").GetString());
        Assert.Equal("dtr", s.GetProperty("reponame").GetString());
        // CVSS 9.8 → critical, 5.3 → major, 3.5 → minor.
        Assert.Equal(1, s.GetProperty("critical").GetInt32());
        Assert.Equal(1, s.GetProperty("major").GetInt32());
        Assert.Equal(1, s.GetProperty("minor").GetInt32());
        var layer = Assert.Single(s.GetProperty("layer_details").EnumerateArray());
        Assert.Equal(3, layer.GetProperty("components").GetArrayLength());

        using var status = await api.GetAsync("/api/v0/imagescan/status", Ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var st = JsonDocument.Parse(await status.Content.ReadAsStringAsync(Ct));
        Assert.True(st.RootElement.GetProperty("scanning_enabled").GetBoolean());
    }

    [Fact]
    public async Task Scan_on_push_can_be_turned_off_per_repository()
    {
        await using var vigil = await VigilInstance.StartAsync(new FixtureScanEngine(), Ct);
        using var admin = vigil.Client(VigilInstance.Basic("admin"));
        using var put = await admin.PutAsync("/api/v0/repositories/team/quiet/settings", new StringContent("""{"scan_on_push": false}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await PushAsync(vigil, "team/quiet", "v1", TestImage.Build("quiet"));
        using var api = vigil.Client(VigilInstance.Bearer(vigil.Tokens["alice"]));
        using var r = await api.GetAsync("/api/v0/repositories/team/quiet/tags/v1/scan-results", Ct);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Contains("SCAN_UNKNOWN", await r.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    internal static async Task PushAsync(VigilInstance vigil, string repo, string tag, TestImage image)
    {
        using var http = vigil.Client(VigilInstance.Basic("alice"));
        foreach (var b in image.Layers.Append(image.Config))
        {
            using var r = await http.PostAsync($"/v2/{repo}/blobs/uploads/?digest={b.Digest}", new ByteArrayContent(b.Bytes), Ct);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        var m = new ByteArrayContent(image.Manifest.Bytes);
        m.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(TestImage.ManifestType);
        using var put = await http.PutAsync($"/v2/{repo}/manifests/{tag}", m, Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }

    /// <summary>Polls until the scan is completed or failed (a fixed deadline, not a timing assertion).</summary>
    internal static async Task<JsonElement> WaitForScanAsync(HttpClient api, string url)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var r = await api.GetAsync(url, Ct);
            last = await r.Content.ReadAsStringAsync(Ct);
            if (r.StatusCode == HttpStatusCode.OK)
            {
                using var doc = JsonDocument.Parse(last);
                var status = doc.RootElement.GetProperty("status").GetString();
                if (status is "completed") return doc.RootElement.Clone();
                if (status is "failed") Assert.Fail($"scan failed: {last}");
            }
            await Task.Delay(100, Ct);
        }
        Assert.Fail($"no completed scan at {url}: {last}");
        return default;
    }

    private static List<string> Ids(JsonElement report) =>
        [.. report.GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];

    private static void AssertFixtureFindings(JsonElement report, string digest)
    {
        Assert.Equal(digest, report.GetProperty("digest").GetString());
        var summary = report.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("critical").GetInt32());
        Assert.Equal(0, summary.GetProperty("high").GetInt32());
        Assert.Equal(1, summary.GetProperty("medium").GetInt32());
        Assert.Equal(1, summary.GetProperty("low").GetInt32());
        Assert.Equal(0, summary.GetProperty("unknown").GetInt32());
        Assert.Equal(2, summary.GetProperty("fixable").GetInt32());
        Assert.Equal(1, report.GetProperty("layers").GetArrayLength());
        Assert.Equal(3, report.GetProperty("components").GetArrayLength());
        Assert.Equal(["CVE-2023-45853", "CVE-2023-5678", "CVE-2024-0727"], Ids(report).Order(StringComparer.Ordinal).ToList());
        var v = report.GetProperty("vulnerabilities").EnumerateArray().First(x => x.GetProperty("id").GetString() == "CVE-2023-5678");
        Assert.Equal(5.3, v.GetProperty("cvss").GetDouble());
        Assert.Equal("medium", v.GetProperty("severity").GetString());
        Assert.Equal("3.0.13-1~deb12u1", v.GetProperty("fixed_version").GetString());
        Assert.False(string.IsNullOrEmpty(v.GetProperty("description").GetString()));
        Assert.False(string.IsNullOrEmpty(report.GetProperty("database").GetProperty("version").GetString()));
    }
}
