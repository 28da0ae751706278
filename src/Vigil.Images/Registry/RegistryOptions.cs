namespace Vigil.Images.Registry;

/// <summary>
/// Everything that shapes a registry pull. The defaults are what the CLI does with no flags, so a library
/// user and the CLI agree: credentials from the environment and ~/.docker/config.json, TLS everywhere but
/// localhost, a shared blob cache under the user's cache directory.
/// </summary>
/// <param name="Username">--username; with <paramref name="Password"/> it is used for every registry (or only <paramref name="CredentialRegistry"/>).</param>
/// <param name="Password">--password-stdin, already read.</param>
/// <param name="CredentialRegistry">Limits Username/Password to this registry host (docker.io for Docker Hub); null means any.</param>
/// <param name="DockerConfigPath">A config.json to read; null means $DOCKER_CONFIG/config.json or ~/.docker/config.json.</param>
/// <param name="InsecureRegistries">Hosts (HOST[:PORT]) allowed plain HTTP and unverified TLS, like dockerd's insecure-registries. Loopback hosts are always allowed plain HTTP, but a loopback registry speaking TLS is verified.</param>
/// <param name="CaFile">A PEM bundle of extra CA certificates trusted for registries (added to the system's).</param>
/// <param name="Mirrors">Mirror endpoints for docker.io, tried in order before Docker Hub itself, e.g. https://mirror.gcr.io.</param>
/// <param name="CacheDirectory">The blob cache; null means $VIGIL_CACHE_DIR/blobs or $XDG_CACHE_HOME/vigil/blobs or ~/.cache/vigil/blobs.</param>
/// <param name="CacheMaxBytes">The cache is trimmed (least recently used first) to this size after each blob; 0 disables the cache.</param>
public sealed record RegistryOptions(
    string? Username = null,
    string? Password = null,
    string? CredentialRegistry = null,
    string? DockerConfigPath = null,
    IReadOnlyList<string>? InsecureRegistries = null,
    string? CaFile = null,
    IReadOnlyList<string>? Mirrors = null,
    string? CacheDirectory = null,
    long CacheMaxBytes = 10L * 1024 * 1024 * 1024)
{
    public static RegistryOptions Default { get; } = new();

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>How long one request may wait for response headers; the body of a blob streams without a limit.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Reads environment variables (VIGIL_REGISTRY_*, DOCKER_CONFIG, HOME, XDG_CACHE_HOME); a seam for tests.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The User-Agent sent to registries.</summary>
    public string UserAgent { get; init; } = "vigil/0.1";

    public string EffectiveCacheDirectory
    {
        get
        {
            if (!string.IsNullOrEmpty(CacheDirectory)) return CacheDirectory;
            var vigil = Environment("VIGIL_CACHE_DIR");
            if (!string.IsNullOrEmpty(vigil)) return Path.Combine(vigil, "blobs");
            var xdg = Environment("XDG_CACHE_HOME");
            if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "vigil", "blobs");
            return Path.Combine(Home, ".cache", "vigil", "blobs");
        }
    }

    public string EffectiveDockerConfigPath
    {
        get
        {
            if (!string.IsNullOrEmpty(DockerConfigPath)) return DockerConfigPath;
            var dir = Environment("DOCKER_CONFIG");
            return !string.IsNullOrEmpty(dir) ? Path.Combine(dir, "config.json") : Path.Combine(Home, ".docker", "config.json");
        }
    }

    private string Home => Environment("HOME") is { Length: > 0 } h ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
}
