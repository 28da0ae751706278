using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Core;

namespace Vigil.Images.Registry;

/// <summary>
/// Answers registry challenges: Basic with the stored login, or docker's token flow (GET realm?service=&amp;scope=
/// with Basic credentials, or an OAuth2 refresh-token POST for identity tokens). Tokens are kept per registry and scope.
/// </summary>
internal sealed class RegistryAuthenticator(RegistryHttp http, CredentialStore credentials)
{
    private readonly ConcurrentDictionary<(string Domain, string Scope), AuthenticationHeaderValue> _headers = new();

    public AuthenticationHeaderValue? HeaderFor(RegistryEndpoint endpoint, string scope) =>
        _headers.TryGetValue((endpoint.Domain, scope), out var h) ? h
        : _headers.TryGetValue((endpoint.Domain, "*"), out var basic) ? basic : null;

    public Task<RegistryCredential?> CredentialAsync(RegistryEndpoint endpoint, CancellationToken cancellationToken) =>
        credentials.GetAsync(endpoint.Domain, cancellationToken);

    /// <summary>Obtains what the challenge asks for and remembers it; throws Unauthorized when it cannot.</summary>
    public async Task AuthenticateAsync(RegistryEndpoint endpoint, string repository, AuthChallenge challenge, string scope, CancellationToken cancellationToken)
    {
        var credential = await credentials.GetAsync(endpoint.Domain, cancellationToken);
        if (challenge.IsBasic)
        {
            if (credential?.Username is null || credential.Password is null)
                throw RegistryFailures.Unauthorized(endpoint, repository, credential, "it asks for a user name and password");
            _headers[(endpoint.Domain, "*")] = BasicHeader(credential.Username, credential.Password);
            return;
        }

        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
            throw new VigilException(ErrorKind.Network, $"registry {endpoint} sent a Bearer challenge without a usable realm ('{challenge.Realm}')",
                "the registry's token auth is misconfigured; report it to its operator");

        var token = await FetchTokenAsync(endpoint, repository, realm, challenge.Service, scope, credential, cancellationToken);
        _headers[(endpoint.Domain, scope)] = new AuthenticationHeaderValue("Bearer", token);
    }

    private async Task<string> FetchTokenAsync(RegistryEndpoint endpoint, string repository, Uri realm, string? service, string scope,
        RegistryCredential? credential, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        if (!string.IsNullOrEmpty(service)) query.Append("service=").Append(Uri.EscapeDataString(service)).Append('&');
        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        var client = http.ClientFor(endpoint);
        var what = $"the token service {realm.GetLeftPart(UriPartial.Path)} of registry {endpoint}";

        HttpRequestMessage Build()
        {
            if (credential?.IdentityToken is { } refresh)
            {
                var form = new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refresh,
                    ["service"] = service ?? "",
                    ["scope"] = scope,
                    ["client_id"] = "vigil",
                };
                return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
            }
            var builder = new UriBuilder(realm);
            builder.Query = string.IsNullOrEmpty(builder.Query) ? query.ToString() : builder.Query.TrimStart('?') + "&" + query;
            var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
            if (credential?.Username is { } user && credential.Password is { } password) request.Headers.Authorization = BasicHeader(user, password);
            return request;
        }

        using var response = await http.SendAsync(client, Build, what, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw RegistryFailures.Unauthorized(endpoint, repository, credential, $"{what} refused to issue a token for {scope}");
        if (!response.IsSuccessStatusCode)
            throw new VigilException(ErrorKind.Network, $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase} when asked for a token for {scope}",
                "the registry's token service is failing; try again later");

        TokenResponse? parsed;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            parsed = await JsonSerializer.DeserializeAsync(body, RegistryJsonContext.Default.TokenResponse, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new VigilException(ErrorKind.Network, $"{what} answered something that is not a token", "report it to the registry's operator", e);
        }
        var token = parsed?.Token ?? parsed?.AccessToken;
        if (string.IsNullOrEmpty(token))
            throw new VigilException(ErrorKind.Network, $"{what} answered without a token", "report it to the registry's operator");
        return token;
    }

    private static AuthenticationHeaderValue BasicHeader(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
