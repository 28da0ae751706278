using Vigil.Core;
using Vigil.Images.Registry;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Images.Tests.Registry;

public sealed class CredentialStoreTests
{
    private static readonly string HelperDirectory = RepoPaths.Fixture("registry", "docker-config", "helpers");

    static CredentialStoreTests()
    {
        // docker finds helpers on PATH; prepending the fixture's folder changes nothing for other programs.
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(':').Contains(HelperDirectory)) Environment.SetEnvironmentVariable("PATH", HelperDirectory + ":" + path);
    }

    private static RegistryOptions Options(string fixture, Dictionary<string, string>? env = null) => new(
        DockerConfigPath: RepoPaths.Fixture("registry", "docker-config", fixture, "config.json"),
        CacheMaxBytes: 0)
    {
        Environment = name => env?.GetValueOrDefault(name),
    };

    private static Task<RegistryCredential?> Get(RegistryOptions options, string domain) =>
        new CredentialStore(options).GetAsync(domain, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Reads_auths_under_every_spelling_docker_writes()
    {
        var o = Options("auths");
        var hub = await Get(o, "docker.io");
        Assert.Equal(("hub-user", "hub-password"), (hub!.Username, hub.Password));
        var colons = await Get(o, "registry.example.test:5000");
        Assert.Equal(("example", "s3cret:with:colons"), (colons!.Username, colons.Password));
        var token = await Get(o, "tokens.example.test");
        Assert.Equal("refresh-me", token!.IdentityToken);
        var split = await Get(o, "split.example.test");
        Assert.Equal(("split", "fields"), (split!.Username, split.Password));
        Assert.Null(await Get(o, "unknown.example.test"));
    }

    [Fact]
    public async Task A_credential_helper_wins_over_auths_and_the_store_serves_the_rest()
    {
        var o = Options("helpers");
        var helped = await Get(o, "helped.example.test");
        Assert.Equal(("helper-user", "helper-secret"), (helped!.Username, helped.Password));
        Assert.Equal("docker-credential-vigiltest", helped.Source);
        var hub = await Get(o, "docker.io");
        Assert.Equal("hub-identity-token", hub!.IdentityToken);
        Assert.Null(await Get(o, "nothing.example.test"));
    }

    [Fact]
    public async Task A_missing_helper_is_an_unauthorized_error_naming_it()
    {
        var e = await Assert.ThrowsAsync<VigilException>(() => Get(Options("store"), "somewhere.example.test"));
        Assert.Equal(ErrorKind.Unauthorized, e.Kind);
        Assert.Contains("docker-credential-vigiltest-missing-helper", e.Message, StringComparison.Ordinal);
        Assert.Contains("somewhere.example.test", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flags_then_environment_then_config()
    {
        var env = new Dictionary<string, string> { ["VIGIL_REGISTRY_USERNAME"] = "env-user", ["VIGIL_REGISTRY_PASSWORD"] = "env-pass" };
        var fromEnv = await Get(Options("auths", env), "docker.io");
        Assert.Equal("env-user", fromEnv!.Username);

        var flags = Options("auths", env) with { Username = "flag-user", Password = "flag-pass" };
        Assert.Equal("flag-user", (await Get(flags, "docker.io"))!.Username);

        var scoped = Options("auths", new(env) { ["VIGIL_REGISTRY_AUTHORITY"] = "other.example.test" });
        Assert.Equal("hub-user", (await Get(scoped, "docker.io"))!.Username);
        Assert.Equal("env-user", (await Get(scoped, "other.example.test"))!.Username);
    }

    [Fact]
    public async Task DOCKER_CONFIG_points_at_the_folder()
    {
        var options = new RegistryOptions(CacheMaxBytes: 0)
        {
            Environment = name => name == "DOCKER_CONFIG" ? RepoPaths.Fixture("registry", "docker-config", "auths") : null,
        };
        Assert.Equal("hub-user", (await Get(options, "docker.io"))!.Username);
    }
}
