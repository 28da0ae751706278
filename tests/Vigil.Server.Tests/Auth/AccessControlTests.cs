using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Auth;
using Vigil.Server.Tests.Scanning;
using Vigil.Server.Tests.Support;
using Xunit;

namespace Vigil.Server.Tests.Auth;

/// <summary>
/// Every route against every kind of bad credential: each gets 401 or 403 as stated, and afterwards the repository is
/// exactly as it was (tags, manifest, blobs, uploads, scans).
/// </summary>
public sealed class AccessControlTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Route(string Name, HttpMethod Method, string Path, Func<HttpContent?> Body, bool Writes);

    [Fact]
    public async Task Every_route_refuses_every_bad_credential_and_changes_nothing()
    {
        await using var vigil = await VigilInstance.StartAsync(new FixtureScanEngine(), Ct);
        var image = TestImage.Build("acl");
        await ScanFlowTests.PushAsync(vigil, "team/app", "latest", image);
        using var alice = vigil.Client(VigilInstance.Basic("alice"));
        await ScanFlowTests.WaitForScanAsync(alice, "/api/v0/repositories/team/app/tags/latest/scan-results");
        using var upload = await alice.PostAsync("/v2/team/app/blobs/uploads/", new ByteArrayContent([]), Ct);
        var uploadPath = upload.Headers.Location!.ToString();
        var layer = image.Layers[0].Digest;
        var other = TestImage.Build("acl-other");

        Route[] routes =
        [
            new("get manifest", HttpMethod.Get, "/v2/team/app/manifests/latest", () => null, false),
            new("head manifest", HttpMethod.Head, "/v2/team/app/manifests/latest", () => null, false),
            new("get blob", HttpMethod.Get, $"/v2/team/app/blobs/{layer}", () => null, false),
            new("head blob", HttpMethod.Head, $"/v2/team/app/blobs/{layer}", () => null, false),
            new("tags list", HttpMethod.Get, "/v2/team/app/tags/list", () => null, false),
            new("referrers", HttpMethod.Get, $"/v2/team/app/referrers/{image.Manifest.Digest}", () => null, false),
            new("start upload", HttpMethod.Post, "/v2/team/app/blobs/uploads/", () => new ByteArrayContent([]), true),
            new("monolithic upload", HttpMethod.Post, $"/v2/team/app/blobs/uploads/?digest={other.Layers[0].Digest}", () => new ByteArrayContent(other.Layers[0].Bytes), true),
            new("mount", HttpMethod.Post, $"/v2/team/app/blobs/uploads/?mount={layer}&from=team/app", () => new ByteArrayContent([]), true),
            new("patch upload", HttpMethod.Patch, uploadPath, () => new ByteArrayContent(new byte[10]), true),
            new("upload status", HttpMethod.Get, uploadPath, () => null, true),
            new("finish upload", HttpMethod.Put, $"{uploadPath}?digest={layer}", () => new ByteArrayContent([]), true),
            new("cancel upload", HttpMethod.Delete, uploadPath, () => null, true),
            new("put manifest", HttpMethod.Put, "/v2/team/app/manifests/latest", () => Manifest(image.Manifest.Bytes), true),
            new("delete manifest", HttpMethod.Delete, $"/v2/team/app/manifests/{image.Manifest.Digest}", () => null, true),
            new("delete tag", HttpMethod.Delete, "/v2/team/app/manifests/latest", () => null, true),
            new("delete blob", HttpMethod.Delete, $"/v2/team/app/blobs/{layer}", () => null, true),
            new("scan", HttpMethod.Post, "/api/v0/repositories/team/app/tags/latest/scan", () => null, true),
            new("scan results", HttpMethod.Get, "/api/v0/repositories/team/app/tags/latest/scan-results", () => null, false),
            new("dtr scan", HttpMethod.Post, "/api/v0/imagescan/scan/team/app/latest/linux/amd64", () => null, true),
            new("dtr summary", HttpMethod.Get, "/api/v0/imagescan/repositories/team/app/latest?detailed=true", () => null, false),
            new("settings", HttpMethod.Put, "/api/v0/repositories/team/app/settings", () => new StringContent("""{"anonymous_pull":true}"""), true),
            new("db import", HttpMethod.Post, "/api/v0/db/import", () => new ByteArrayContent(File.ReadAllBytes(Vigil.TestKit.RepoPaths.Fixture("server", "advisories-v2.json"))), true),
        ];

        var issuer = vigil.Server.Services.GetRequiredService<TokenIssuer>();
        var expiredPat = (await vigil.Admin.CreateTokenAsync("alice", "expired", TimeSpan.FromMilliseconds(1), Ct)).Secret;
        var revoked = await vigil.Admin.CreateTokenAsync("alice", "revoked", TimeSpan.FromHours(1), Ct);
        var jwtFromRevoked = await TokenAsync(vigil, $"alice:{revoked.Secret}", "repository:team/app:pull,push");
        await vigil.Admin.RevokeTokenAsync(revoked.Info.Id, Ct);
        var expiredJwt = issuer.Issue("alice", [new TokenAccess("repository", "team/app", ["pull", "push", "delete"])], null, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(5));
        var forgedJwt = new Vigil.Server.Auth.TokenIssuer(Path.Combine(Path.GetTempPath(), $"vigil-forged-{Guid.NewGuid():N}.pem"))
            .Issue("admin", [new TokenAccess("repository", "team/app", ["pull", "push", "delete"])], null, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var carolJwt = await TokenAsync(vigil, $"carol:{VigilInstance.Password}", "repository:other/app:pull,push");
        var carolAskingTeam = await TokenAsync(vigil, $"carol:{VigilInstance.Password}", "repository:team/app:pull,push");

        (string Name, AuthenticationHeaderValue? Auth, HttpStatusCode Expected, bool WritesOnly)[] callers =
        [
            ("no credentials", null, HttpStatusCode.Unauthorized, false),
            ("wrong token", VigilInstance.Bearer("vgl_not-a-real-token"), HttpStatusCode.Unauthorized, false),
            ("garbage bearer", VigilInstance.Bearer("abc.def.ghi"), HttpStatusCode.Unauthorized, false),
            ("wrong password", VigilInstance.Basic("alice", "wrong-password"), HttpStatusCode.Unauthorized, false),
            ("expired access token", VigilInstance.Bearer(expiredPat), HttpStatusCode.Unauthorized, false),
            ("expired access token as basic", VigilInstance.Basic("alice", expiredPat), HttpStatusCode.Unauthorized, false),
            ("revoked access token", VigilInstance.Bearer(revoked.Secret), HttpStatusCode.Unauthorized, false),
            ("registry token from a revoked access token", VigilInstance.Bearer(jwtFromRevoked), HttpStatusCode.Unauthorized, false),
            ("expired registry token", VigilInstance.Bearer(expiredJwt), HttpStatusCode.Unauthorized, false),
            ("registry token signed by another key", VigilInstance.Bearer(forgedJwt), HttpStatusCode.Unauthorized, false),
            ("registry token for another repository", VigilInstance.Bearer(carolJwt), HttpStatusCode.Unauthorized, false),
            ("registry token without granted scope", VigilInstance.Bearer(carolAskingTeam), HttpStatusCode.Unauthorized, false),
            ("access token of a user with a grant on another repository", VigilInstance.Bearer(vigil.Tokens["carol"]), HttpStatusCode.Forbidden, false),
            ("read-only grant", VigilInstance.Bearer(vigil.Tokens["bob"]), HttpStatusCode.Forbidden, true),
            ("read-only grant, basic", VigilInstance.Basic("bob"), HttpStatusCode.Forbidden, true),
        ];

        var before = await SnapshotAsync(vigil, uploadPath);
        var failures = new List<string>();
        foreach (var caller in callers)
        {
            foreach (var route in routes)
            {
                if (caller.WritesOnly && !route.Writes) continue;
                var expected = caller.Expected;
                // The admin-only import refuses every non-admin with 403 once it knows who is asking.
                // (A valid registry token names a known user, so it is a 403 there, not a 401.)
                if (route.Name == "db import" && caller.Name is "registry token for another repository" or "registry token without granted scope") expected = HttpStatusCode.Forbidden;
                using var req = new HttpRequestMessage(route.Method, route.Path) { Content = route.Body() };
                req.Headers.Authorization = caller.Auth;
                using var http = vigil.Client();
                using var r = await http.SendAsync(req, Ct);
                if (r.StatusCode != expected)
                {
                    failures.Add($"{caller.Name} → {route.Name}: {(int)r.StatusCode}, expected {(int)expected}");
                    continue;
                }
                if (route.Method != HttpMethod.Head)
                {
                    var body = await r.Content.ReadAsStringAsync(Ct);
                    var code = expected == HttpStatusCode.Unauthorized ? "UNAUTHORIZED" : "DENIED";
                    if (!body.Contains(code, StringComparison.Ordinal)) failures.Add($"{caller.Name} → {route.Name}: body lacks {code}: {body}");
                }
                if (expected == HttpStatusCode.Unauthorized && !r.Headers.WwwAuthenticate.Any()) failures.Add($"{caller.Name} → {route.Name}: 401 without WWW-Authenticate");
            }
        }
        Assert.Empty(failures);
        Assert.Equal(before, await SnapshotAsync(vigil, uploadPath));
    }

    [Fact]
    public async Task Docker_token_flow_challenge_then_scoped_token()
    {
        await using var vigil = await VigilInstance.StartAsync(new FixtureScanEngine(), Ct);
        await ScanFlowTests.PushAsync(vigil, "team/app", "latest", TestImage.Build("flow"));
        using var anon = vigil.Client();
        using var challenge = await anon.GetAsync("/v2/team/app/tags/list", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        var header = challenge.Headers.WwwAuthenticate.ToString();
        Assert.Contains($"Bearer realm=\"{vigil.BaseAddress.ToString().TrimEnd('/')}/auth/token\"", header, StringComparison.Ordinal);
        Assert.Contains("scope=\"repository:team/app:pull\"", header, StringComparison.Ordinal);

        using var tokenClient = vigil.Client(VigilInstance.Basic("bob"));
        using var tr = await tokenClient.GetAsync("/auth/token?service=vigil-registry&scope=repository:team/app:pull,push", Ct);
        Assert.Equal(HttpStatusCode.OK, tr.StatusCode);
        using var doc = JsonDocument.Parse(await tr.Content.ReadAsStringAsync(Ct));
        var token = doc.RootElement.GetProperty("token").GetString()!;
        Assert.Equal(token, doc.RootElement.GetProperty("access_token").GetString());
        Assert.True(doc.RootElement.GetProperty("expires_in").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("issued_at").GetString()));
        var payload = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(token.Split('.')[1]));
        var access = Assert.Single(payload.RootElement.GetProperty("access").EnumerateArray());
        Assert.Equal("team/app", access.GetProperty("name").GetString());
        Assert.Equal(["pull"], access.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToList());

        using var bob = vigil.Client(VigilInstance.Bearer(token));
        using var ok = await bob.GetAsync("/v2/team/app/tags/list", Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var push = await bob.PostAsync("/v2/team/app/blobs/uploads/", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, push.StatusCode);
        Assert.Contains("insufficient_scope", push.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var bad = vigil.Client(VigilInstance.Basic("bob", "nope-nope-nope"));
        using var denied = await bad.GetAsync("/auth/token?service=vigil-registry&scope=repository:team/app:pull", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
    }

    [Fact]
    public async Task Anonymous_pull_only_where_a_repository_allows_it()
    {
        await using var vigil = await VigilInstance.StartAsync(new FixtureScanEngine(), Ct);
        var image = TestImage.Build("anon");
        await ScanFlowTests.PushAsync(vigil, "team/public", "latest", image);
        await ScanFlowTests.PushAsync(vigil, "team/private", "latest", image);
        await vigil.Admin.SetRepositoryAsync("team/public", scanOnPush: true, anonymousPull: true, Ct);
        using var anon = vigil.Client();
        using var pub = await anon.GetAsync("/v2/team/public/manifests/latest", Ct);
        Assert.Equal(HttpStatusCode.OK, pub.StatusCode);
        using var priv = await anon.GetAsync("/v2/team/private/manifests/latest", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, priv.StatusCode);
        using var push = await anon.PostAsync("/v2/team/public/blobs/uploads/", new ByteArrayContent([]), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, push.StatusCode);
    }

    private static ByteArrayContent Manifest(byte[] bytes)
    {
        var c = new ByteArrayContent(bytes);
        c.Headers.ContentType = new MediaTypeHeaderValue(TestImage.ManifestType);
        return c;
    }

    private static async Task<string> TokenAsync(VigilInstance vigil, string userSecret, string scope)
    {
        using var http = vigil.Client(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userSecret))));
        using var r = await http.GetAsync($"/auth/token?service=vigil-registry&scope={scope}", Ct);
        r.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(Ct));
        return doc.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Everything a refused request could have changed, read with the admin's credentials.</summary>
    private static async Task<string> SnapshotAsync(VigilInstance vigil, string uploadPath)
    {
        using var admin = vigil.Client(VigilInstance.Basic("admin"));
        var sb = new StringBuilder();
        sb.AppendLine(await admin.GetStringAsync("/v2/team/app/tags/list", Ct));
        using (var m = await admin.GetAsync("/v2/team/app/manifests/latest", Ct)) sb.AppendLine($"{m.StatusCode} {m.Headers.GetValues("Docker-Content-Digest").First()}");
        using (var u = await admin.GetAsync(uploadPath, Ct)) sb.AppendLine($"{u.StatusCode} {string.Join(",", u.Headers.GetValues("Range"))}");
        using (var s = await admin.GetAsync("/api/v0/imagescan/status", Ct))
        {
            using var doc = JsonDocument.Parse(await s.Content.ReadAsStringAsync(Ct));
            sb.AppendLine(doc.RootElement.GetProperty("scans").GetRawText()).AppendLine(doc.RootElement.GetProperty("db_version").GetString());
        }
        sb.AppendLine(await admin.GetStringAsync("/api/v0/repositories/team/app/settings", Ct));
        sb.AppendLine(await admin.GetStringAsync("/v2/_catalog", Ct));
        return sb.ToString();
    }
}
