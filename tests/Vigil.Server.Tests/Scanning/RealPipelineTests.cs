using System.Net;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Database;
using Vigil.Scanning;
using Vigil.Server.Tests.Support;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Server.Tests.Scanning;

/// <summary>
/// vigil serve with the real pipeline: the database is imported through POST /api/v0/db/import, images are pushed
/// with skopeo, and the scan API's findings equal what the CLI's scan path (ImageScan, as `vigil cves` runs it) finds
/// in the same image with the same database.
/// </summary>
public sealed class RealPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fixture_image_findings_equal_the_cli_scan_path()
    {
        Tools.Require("skopeo");
        await using var vigil = await VigilInstance.StartRealAsync(Ct);
        using var dir = new TempDir();
        var layout = dir.Combine("in");
        TestImage.Build("real").WriteLayout(layout, "latest");
        await CheckAsync(vigil, $"oci:{layout}:latest", "team/real", expectFindings: true);
    }

    [Fact]
    public async Task Real_debian_image_findings_equal_the_cli_scan_path()
    {
        var root = RealImages.Require();
        Tools.Require("skopeo");
        await using var vigil = await VigilInstance.StartRealAsync(Ct);
        await CheckAsync(vigil, $"oci:{RealImages.OciLayout(root, "debian-bookworm")}:pkgs", "team/debian", expectFindings: true);
    }

    private static async Task CheckAsync(VigilInstance vigil, string source, string repo, bool expectFindings)
    {
        using var admin = vigil.Client(VigilInstance.Bearer(vigil.Tokens["admin"]));
        using var api = vigil.Client(VigilInstance.Bearer(vigil.Tokens["alice"]));
        (await Skopeo.CopyAsync(source, $"docker://{vigil.Server.Authority}/{repo}:latest", null, $"alice:{VigilInstance.Password}", Ct)).EnsureSuccess("skopeo push");

        // Without a database the scan on push fails and says why.
        var failed = await WaitAsync(api, $"/api/v0/repositories/{repo}/tags/latest/scan-results", "failed");
        Assert.Contains("database", failed.GetProperty("error").GetString()!, StringComparison.OrdinalIgnoreCase);

        foreach (var feed in new[] { "debian-tracker-bookworm.json", "nvd-sample.json" })
        {
            using var import = await admin.PostAsync("/api/v0/db/import", new ByteArrayContent(await File.ReadAllBytesAsync(RepoPaths.Combine("samples", "feeds", feed), Ct)), Ct);
            Assert.True(import.StatusCode == HttpStatusCode.OK, $"import of {feed}: {(int)import.StatusCode} {await import.Content.ReadAsStringAsync(Ct)}");
        }

        using var post = await api.PostAsync($"/api/v0/repositories/{repo}/tags/latest/scan", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        using var accepted = JsonDocument.Parse(await post.Content.ReadAsStringAsync(Ct));
        var report = await WaitAsync(api, $"/api/v0/scans/{accepted.RootElement.GetProperty("id").GetInt64()}", "completed");

        await using var db = await AdvisoryDatabase.OpenAsync(Path.Combine(vigil.DataDirectory, "vulndb.sqlite"), Ct);
        var cli = await ImageScan.ScanReferenceAsync(source, new ImageOpenOptions(), db, Policy.Default, new Scanner(), null, Ct);

        var viaApi = report.GetProperty("vulnerabilities").EnumerateArray()
            .Select(v => $"{v.GetProperty("id").GetString()} {v.GetProperty("package").GetString()} {v.GetProperty("installed_version").GetString()} {(v.TryGetProperty("fixed_version", out var f) ? f.GetString() : "")} {v.GetProperty("severity").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        var viaCli = cli.Findings.Select(f => $"{f.VulnerabilityId} {f.PackageName} {f.InstalledVersion} {f.FixedVersion ?? ""} {f.Severity.ToText()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(viaCli, viaApi);
        if (expectFindings) Assert.NotEmpty(viaApi);
        Assert.Equal(cli.Packages.Count, report.GetProperty("components").GetArrayLength());
        Assert.Equal(cli.Target.Layers.Count, report.GetProperty("layers").GetArrayLength());
        Assert.NotEmpty(report.GetProperty("database").GetProperty("imports").EnumerateArray());
        var summary = report.GetProperty("summary");
        Assert.Equal(cli.Findings.Count, summary.GetProperty("total").GetInt32());
        Assert.Equal(cli.Findings.Count(f => f.IsFixable), summary.GetProperty("fixable").GetInt32());

        // skopeo copies it back out with the digest it went in with.
        using var outDir = new TempDir();
        (await Skopeo.CopyAsync($"docker://{vigil.Server.Authority}/{repo}:latest", $"oci:{outDir.Combine("out")}:latest", $"alice:{VigilInstance.Password}", null, Ct)).EnsureSuccess("skopeo pull");
        var pushed = await Tools.RunAsync("skopeo", ["inspect", "--raw", source], Ct);
        Assert.Equal(Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(pushed.Stdout)).ToString(), Skopeo.LayoutManifestDigest(outDir.Combine("out")));
        Assert.Equal(report.GetProperty("digest").GetString(), Skopeo.LayoutManifestDigest(outDir.Combine("out")));
    }

    private static async Task<JsonElement> WaitAsync(HttpClient api, string url, string status)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var r = await api.GetAsync(url, Ct);
            last = await r.Content.ReadAsStringAsync(Ct);
            if (r.StatusCode == HttpStatusCode.OK)
            {
                using var doc = JsonDocument.Parse(last);
                if (doc.RootElement.GetProperty("status").GetString() == status) return doc.RootElement.Clone();
            }
            await Task.Delay(100, Ct);
        }
        Assert.Fail($"no scan with status {status} at {url}: {last}");
        return default;
    }
}
