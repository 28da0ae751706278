using Vigil.Server;
using Vigil.TestKit;
using Vigil.TestKit.Cli;
using Xunit;

namespace Vigil.EndToEnd.Tests;

/// <summary>`vigil serve user add`, `token create` and `token revoke` through the real process, checked in the server's own store.</summary>
public sealed class ServeAdminCliTests : IDisposable
{
    private readonly TempDirectory _data = new("vigil-serve-cli");

    [Fact]
    public async Task Adds_a_user_creates_and_revokes_a_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var add = await VigilProcess.RunAsync(["serve", "user", "add", "alice", "--password-stdin", "--grant", "team=write", "--data", _data.Path], null, "s3cret-password\n", ct);
        Assert.True(add.ExitCode == 0, add.ToString());

        var create = await VigilProcess.RunAsync(["serve", "token", "create", "alice", "--name", "ci", "--data", _data.Path], null, null, ct);
        Assert.True(create.ExitCode == 0, create.ToString());
        var secret = create.Stdout.Trim();
        Assert.StartsWith("vgl_", secret, StringComparison.Ordinal);

        var admin = new ServerAdmin(_data.Path);
        var token = Assert.Single(await admin.ListTokensAsync("alice", ct));
        Assert.Null(token.RevokedAt);
        Assert.Contains(await admin.ListGrantsAsync("alice", ct), g => g.Scope == "team" && g.Level == Server.Auth.AccessLevel.Write);

        var revoke = await VigilProcess.RunAsync(["serve", "token", "revoke", token.Id, "--data", _data.Path], null, null, ct);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.NotNull(Assert.Single(await admin.ListTokensAsync("alice", ct)).RevokedAt);
    }

    [Fact]
    public async Task Refuses_a_user_without_a_password_and_a_bad_grant()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(1, (await VigilProcess.RunAsync(["serve", "user", "add", "bob", "--data", _data.Path], null, null, ct)).ExitCode);
        var bad = await VigilProcess.RunAsync(["serve", "user", "add", "carol", "--password-stdin", "--grant", "team=owner", "--data", _data.Path], null, "s3cret-password\n", ct);
        Assert.True(bad.ExitCode == 1, bad.ToString());
        Assert.Contains("SCOPE=LEVEL", bad.Stderr, StringComparison.Ordinal);
        // Nothing half-made: the refused command added no user.
        Assert.Empty(await new ServerAdmin(_data.Path).ListGrantsAsync("carol", ct));
        var retry = await VigilProcess.RunAsync(["serve", "user", "add", "carol", "--password-stdin", "--grant", "team=read", "--data", _data.Path], null, "s3cret-password\n", ct);
        Assert.True(retry.ExitCode == 0, retry.ToString());
    }

    [Fact]
    public async Task Grants_lists_tokens_sets_repositories_and_removes_users()
    {
        var ct = TestContext.Current.CancellationToken;
        Task<VigilRun> Vigil(string[] args, string? stdin = null) => VigilProcess.RunAsync([.. args, "--data", _data.Path], null, stdin, ct);
        Assert.Equal(0, (await Vigil(["serve", "user", "add", "dave", "--password-stdin"], "s3cret-password\n")).ExitCode);

        Assert.Equal(0, (await Vigil(["serve", "user", "grant", "dave", "team/app", "write"])).ExitCode);
        Assert.Equal(0, (await Vigil(["serve", "user", "grant", "dave", "other", "read"])).ExitCode);
        Assert.Equal(0, (await Vigil(["serve", "user", "grant", "dave", "other", "none"])).ExitCode);
        var grants = await Vigil(["serve", "user", "grants", "dave"]);
        Assert.Equal("team/app\twrite", grants.Stdout.Trim());
        var badLevel = await Vigil(["serve", "user", "grant", "dave", "team", "owner"]);
        Assert.True(badLevel.ExitCode == 1 && badLevel.Stderr.Contains("access level", StringComparison.Ordinal), badLevel.ToString());

        var secret = (await Vigil(["serve", "token", "create", "dave", "--name", "ci"])).Stdout.Trim();
        var list = await Vigil(["serve", "token", "list", "dave"]);
        var columns = list.Stdout.Trim().Split('\t');
        Assert.Equal(["dave", "ci", "active"], [columns[1], columns[2], columns[5]]);
        Assert.DoesNotContain(secret, list.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await Vigil(["serve", "repo", "set", "team/app", "--anonymous-pull", "true"])).ExitCode);
        Assert.Equal(0, (await Vigil(["serve", "repo", "set", "team/app", "--scan-on-push", "false"])).ExitCode);
        var repo = await new ServerAdmin(_data.Path).GetRepositoryAsync("team/app", ct);
        Assert.Equal((false, true), (repo.ScanOnPush, repo.AnonymousPull));
        Assert.Equal(1, (await Vigil(["serve", "repo", "set", "team/app"])).ExitCode);

        Assert.Equal(0, (await Vigil(["serve", "user", "remove", "dave"])).ExitCode);
        Assert.Empty(await new ServerAdmin(_data.Path).ListTokensAsync("dave", ct));
        var again = await Vigil(["serve", "user", "remove", "dave"]);
        Assert.True(again.ExitCode == 1 && again.Stderr.Contains("no user dave", StringComparison.Ordinal), again.ToString());
    }

    /// <summary>The first option after `serve` counts (Spectre used to read it as the branch's and lose it).</summary>
    [Fact]
    public async Task Serve_reads_its_first_option()
    {
        var ct = TestContext.Current.CancellationToken;
        var listen = await VigilProcess.RunAsync(["serve", "--listen", "nonsense", "--data", _data.Path], null, null, ct);
        Assert.True(listen.ExitCode == 1 && listen.Stderr.Contains("is not HOST:PORT", StringComparison.Ordinal), listen.ToString());
        var expiry = await VigilProcess.RunAsync(["serve", "--upload-expiry", "0", "--data", _data.Path], null, null, ct);
        Assert.True(expiry.ExitCode == 1 && expiry.Stderr.Contains("--upload-expiry", StringComparison.Ordinal), expiry.ToString());
        foreach (var help in new[] { new[] { "serve", "--help" }, ["serve", "start", "--help"], ["serve", "repo", "set", "--help"], ["serve", "user", "grant", "--help"] })
        {
            var r = await VigilProcess.RunAsync(help, null, null, ct);
            Assert.True(r.ExitCode == 0, r.ToString());
        }
    }

    public void Dispose() => _data.Dispose();
}
