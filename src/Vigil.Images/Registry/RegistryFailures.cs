using System.Net;
using System.Text.Json;
using Vigil.Core;

namespace Vigil.Images.Registry;

/// <summary>Turns registry HTTP answers into errors that name the registry, the repository and what to do.</summary>
internal static class RegistryFailures
{
    public static string LoginHint(string domain) =>
        $"log in with 'docker login {domain}', or pass --username with --password-stdin, or set VIGIL_REGISTRY_USERNAME and VIGIL_REGISTRY_PASSWORD";

    public static VigilException Unauthorized(RegistryEndpoint endpoint, string repository, RegistryCredential? credential, string? detail)
    {
        var who = credential is null ? "without credentials" : $"with the credentials from {credential.Source}";
        var message = $"registry {endpoint} refused to let Vigil pull {repository} {who} (401 Unauthorized)" + (detail is null ? "" : $": {detail}");
        var hint = credential is null
            ? LoginHint(endpoint.Domain) + (endpoint.Domain == RegistryReference.DockerHubDomain ? "; on Docker Hub a repository that does not exist also answers 401" : "")
            : $"check the user name and password for {endpoint.Domain} ({credential.Source}); they were refused";
        return new VigilException(ErrorKind.Unauthorized, message, hint);
    }

    public static async Task<VigilException> FromResponseAsync(HttpResponseMessage response, RegistryEndpoint endpoint, string repository, string what, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = await ReadErrorAsync(response, cancellationToken);
        var suffix = detail is null ? "" : $": {detail}";
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new VigilException(ErrorKind.NotFound,
                $"registry {endpoint} has no {what} in repository {repository} (404){suffix}",
                "check the repository, tag or digest (skopeo list-tags docker://HOST/REPO lists the tags)"),
            HttpStatusCode.Forbidden => new VigilException(ErrorKind.Unauthorized,
                $"registry {endpoint} denied access to {what} in repository {repository} (403){suffix}",
                $"the account used may not pull {repository}; {LoginHint(endpoint.Domain)}"),
            HttpStatusCode.TooManyRequests => new VigilException(ErrorKind.Network,
                $"registry {endpoint} kept rate-limiting the pull of {what} from {repository} (429){suffix}",
                "wait and try again, log in to get a higher limit, or use --registry-mirror"),
            _ when status >= 500 => new VigilException(ErrorKind.Network,
                $"registry {endpoint} failed serving {what} from {repository} ({status} {response.ReasonPhrase}){suffix}",
                "the registry is failing; try again later"),
            _ => new VigilException(ErrorKind.Network,
                $"registry {endpoint} answered {status} {response.ReasonPhrase} for {what} in repository {repository}{suffix}",
                "check the reference and the registry's logs"),
        };
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (bytes.Length == 0 || bytes.Length > 64 * 1024) return null;
            var body = JsonSerializer.Deserialize(bytes, RegistryJsonContext.Default.RegistryErrorBody);
            var first = body?.Errors?.FirstOrDefault();
            return first is null ? null : $"{first.Code} {first.Message}".Trim();
        }
        catch (JsonException) { return null; }
        catch (HttpRequestException) { return null; }
        catch (IOException) { return null; }
    }
}
