using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Vigil.Core;

namespace Vigil.Images.Registry;

/// <summary>
/// Finds the login for a registry the way docker does, after the explicit ones:
/// --username/--password-stdin, then VIGIL_REGISTRY_USERNAME/VIGIL_REGISTRY_PASSWORD (VIGIL_REGISTRY_AUTHORITY scopes them
/// to one host), then config.json: credHelpers[host], credsStore, auths. Null means anonymous.
/// </summary>
public sealed class CredentialStore(RegistryOptions options)
{
    /// <summary>docker keys Docker Hub's login under the v1 index URL.</summary>
    public const string DockerHubConfigKey = "https://index.docker.io/v1/";

    private readonly ConcurrentDictionary<string, Task<RegistryCredential?>> _resolved = new(StringComparer.Ordinal);
    private readonly Lazy<DockerConfigFile?> _config = new(() => Load(options.EffectiveDockerConfigPath));

    public Task<RegistryCredential?> GetAsync(string domain, CancellationToken cancellationToken) =>
        _resolved.GetOrAdd(domain, d => ResolveAsync(d, cancellationToken));

    private async Task<RegistryCredential?> ResolveAsync(string domain, CancellationToken cancellationToken)
    {
        if (options.Username is not null && options.Password is not null && AppliesTo(options.CredentialRegistry, domain))
            return new RegistryCredential(options.Username, options.Password, null, "--username/--password-stdin");

        var envUser = options.Environment("VIGIL_REGISTRY_USERNAME");
        var envPassword = options.Environment("VIGIL_REGISTRY_PASSWORD");
        if (!string.IsNullOrEmpty(envUser) && envPassword is not null && AppliesTo(options.Environment("VIGIL_REGISTRY_AUTHORITY"), domain))
            return new RegistryCredential(envUser, envPassword, null, "VIGIL_REGISTRY_USERNAME/VIGIL_REGISTRY_PASSWORD");

        var config = _config.Value;
        if (config is null) return null;
        var keys = ConfigKeys(domain);

        if (config.CredHelpers is { } helpers)
        {
            foreach (var (key, helper) in helpers)
            {
                if (keys.Contains(NormaliseKey(key)) && !string.IsNullOrEmpty(helper))
                    return await CredentialHelper.GetAsync(helper, key, cancellationToken);
            }
        }

        if (!string.IsNullOrEmpty(config.CredsStore))
        {
            var serverUrl = domain == RegistryReference.DockerHubDomain ? DockerHubConfigKey : domain;
            var fromStore = await CredentialHelper.GetAsync(config.CredsStore, serverUrl, cancellationToken);
            if (fromStore is not null) return fromStore;
        }

        if (config.Auths is { } auths)
        {
            foreach (var (key, entry) in auths)
            {
                if (!keys.Contains(NormaliseKey(key))) continue;
                var source = $"{options.EffectiveDockerConfigPath} auths[\"{key}\"]";
                if (!string.IsNullOrEmpty(entry.IdentityToken)) return new RegistryCredential(null, null, entry.IdentityToken, source);
                if (!string.IsNullOrEmpty(entry.Auth))
                {
                    string decoded;
                    try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(entry.Auth)); }
                    catch (FormatException e)
                    {
                        throw new VigilException(ErrorKind.Unauthorized, $"{source}: \"auth\" is not base64 of user:password",
                            $"log in again: docker login {domain}", e);
                    }
                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                        throw new VigilException(ErrorKind.Unauthorized, $"{source}: \"auth\" does not hold user:password", $"log in again: docker login {domain}");
                    return new RegistryCredential(decoded[..colon], decoded[(colon + 1)..], null, source);
                }
                if (!string.IsNullOrEmpty(entry.Username) && entry.Password is not null)
                    return new RegistryCredential(entry.Username, entry.Password, null, source);
            }
        }
        return null;
    }

    private static bool AppliesTo(string? scope, string domain) =>
        string.IsNullOrEmpty(scope) || ConfigKeys(domain).Contains(NormaliseKey(scope));

    /// <summary>The normalised config keys that name this registry (Docker Hub has several spellings).</summary>
    private static HashSet<string> ConfigKeys(string domain) =>
        domain == RegistryReference.DockerHubDomain
            ? ["docker.io", "index.docker.io", "registry-1.docker.io"]
            : [domain.ToLowerInvariant()];

    /// <summary>docker's convertToHostname: drop the scheme and any path.</summary>
    internal static string NormaliseKey(string key)
    {
        var k = key.Trim();
        var scheme = k.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) k = k[(scheme + 3)..];
        var slash = k.IndexOf('/');
        if (slash >= 0) k = k[..slash];
        return k.ToLowerInvariant();
    }

    private static DockerConfigFile? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, RegistryJsonContext.Default.DockerConfigFile);
        }
        catch (JsonException e)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"{path} is not valid JSON: {e.Message}",
                "fix or remove the docker config file, or point DOCKER_CONFIG elsewhere", e);
        }
    }
}
