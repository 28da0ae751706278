using Vigil.Core;
using Vigil.TestKit;

namespace Vigil.Database.Tests.Feeds;

/// <summary>URL sources against a real HTTP server on 127.0.0.1.</summary>
public sealed class HttpImportTests
{
    private const string Feed = "testdata/advisories/alpine-secdb-vuln-list/3.18/main/openssl.json";

    private static readonly ImportOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(200), MaxAttempts = 3 };

    private static Task<ImportSummary> ImportAsync(string db, string url, ImportOptions? options = null) =>
        DatabaseImporter.ImportAsync(db, [url], Ecosystems.Ecosystems.FeedParsers, options ?? Fast, null, CancellationToken.None);

    [Fact]
    public async Task A_url_imports_and_an_unchanged_url_is_a_304_no_op()
    {
        var file = SharedData.Require(Feed);
        await using var server = new LoopbackFeedServer();
        var url = server.Serve("/alpine/openssl.json", file);
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");

        var first = Assert.Single((await ImportAsync(db, url)).Sources);
        Assert.False(first.Unchanged);
        Assert.Equal(("alpine", "alpine-secdb-json", url), (first.Feed, first.Format, first.Source));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))), first.InputSha256);

        var second = Assert.Single((await ImportAsync(db, url)).Sources);
        Assert.True(second.Unchanged);
        Assert.Equal(first.Records, second.Records);
        Assert.Equal([200, 304], server.Requests.Select(r => r.Status));
        Assert.NotNull(server.Requests.Last().IfNoneMatch);

        await using var store = await AdvisoryDatabase.OpenAsync(db, CancellationToken.None);
        Assert.NotEmpty(await store.FindAsync("alpine:3.18", "openssl", CancellationToken.None));
        Assert.Single((await store.GetInfoAsync(CancellationToken.None)).Imports);
    }

    [Fact]
    public async Task A_503_is_retried()
    {
        await using var server = new LoopbackFeedServer();
        var url = server.Serve("/feed.json", SharedData.Require(Feed));
        server.FailNext("/feed.json", 503);
        using var dir = new TempDirectory();
        var summary = await ImportAsync(dir.Combine("vigil.db"), url);
        Assert.True(summary.Sources[0].Records > 0);
        Assert.Equal([503, 200], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried()
    {
        await using var server = new LoopbackFeedServer();
        var url = server.Serve("/feed.json", SharedData.Require(Feed));
        server.FailNext("/feed.json", 429, retryAfter: "0");
        using var dir = new TempDirectory();
        await ImportAsync(dir.Combine("vigil.db"), url);
        Assert.Equal([429, 200], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_dead_primary_falls_back_to_the_mirrors_in_order()
    {
        await using var server = new LoopbackFeedServer();
        server.Serve("/good/feed.json", SharedData.Require(Feed));
        var dead = $"http://127.0.0.1:{LoopbackFeedServer.FreePort()}/feed.json";
        using var dir = new TempDirectory();
        var options = Fast with { Mirrors = [server.BaseUrl + "missing/", server.BaseUrl + "good/"] };
        var summary = await ImportAsync(dir.Combine("vigil.db"), dead, options);
        Assert.True(summary.Sources[0].Records > 0);
        Assert.Equal(dead, summary.Sources[0].Source);
        Assert.Equal([("/missing/feed.json", 404), ("/good/feed.json", 200)], server.Requests.Select(r => (r.Path, r.Status)));
    }

    [Fact]
    public async Task Persistent_failure_is_a_network_error_and_keeps_the_previous_database()
    {
        var file = SharedData.Require(Feed);
        await using var server = new LoopbackFeedServer();
        var url = server.Serve("/feed.json", file);
        using var dir = new TempDirectory();
        var db = dir.Combine("vigil.db");
        await DatabaseImporter.ImportAsync(db, [file], Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
        var before = File.ReadAllBytes(db);
        for (var i = 0; i < Fast.MaxAttempts; i++) server.FailNext("/feed.json", 500);

        var e = await Assert.ThrowsAsync<VigilException>(() => ImportAsync(db, url));
        Assert.Equal(ErrorKind.Network, e.Kind);
        Assert.Contains(url, e.Message, StringComparison.Ordinal);
        Assert.Equal(Fast.MaxAttempts, server.Requests.Count);
        Assert.Equal(before, File.ReadAllBytes(db));
        Assert.Equal(["vigil.db"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_download_over_the_size_limit_is_refused()
    {
        await using var server = new LoopbackFeedServer();
        var url = server.Serve("/feed.json", SharedData.Require(Feed));
        using var dir = new TempDirectory();
        var e = await Assert.ThrowsAsync<VigilException>(() => ImportAsync(dir.Combine("vigil.db"), url, Fast with { MaxDownloadBytes = 100 }));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("vigil.db")));
    }
}
