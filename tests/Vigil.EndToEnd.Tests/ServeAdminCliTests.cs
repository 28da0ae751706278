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

    public void Dispose() => _data.Dispose();
}
