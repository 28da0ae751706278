using System.Net;
using System.Net.Sockets;
using Vigil.Core;
using Vigil.Core.Seams;

namespace Vigil.Images.Registry;

/// <summary>
/// Images held by a running engine (dockerd, or podman's Docker-compatible service): <c>image://NAME</c> or
/// <c>local://NAME</c>. Streams <c>GET /images/{name}/get</c> (a docker-save tarball) from DOCKER_HOST into a temp file
/// and opens it with the docker-archive source; the file is deleted when the image is disposed.
/// </summary>
public sealed class EngineSource(IImageSource dockerArchive, string? dockerHost = null, Func<string, string?>? environment = null) : IImageSource
{
    public const string DefaultHost = "unix:///var/run/docker.sock";

    public string Kind => "engine";

    public IReadOnlyList<string> Prefixes { get; } = ["image://", "local://"];

    /// <summary>Never by guess: a bare name goes to the registry, as it does for trivy and grype without --source.</summary>
    public bool Recognizes(string reference) => false;

    /// <summary>The engine endpoint: the constructor's, else $DOCKER_HOST, else the default docker socket.</summary>
    public string Host
    {
        get
        {
            if (!string.IsNullOrEmpty(dockerHost)) return dockerHost;
            var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)("DOCKER_HOST");
            return string.IsNullOrEmpty(fromEnvironment) ? DefaultHost : fromEnvironment;
        }
    }

    public async Task<IImage> OpenAsync(string reference, string location, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"vigil-engine-{Guid.NewGuid():N}.tar");
        try
        {
            await SaveAsync(location, temp, cancellationToken);
            var inner = await dockerArchive.OpenAsync(reference, temp, options, cancellationToken);
            return new EngineImage(inner, reference, location, Kind, temp);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes the engine's docker-save tarball of <paramref name="name"/> to <paramref name="path"/>, streamed.</summary>
    public async Task SaveAsync(string name, string path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains("..", StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal) || name.Contains('#', StringComparison.Ordinal))
            throw new VigilException(ErrorKind.Usage, $"'{name}' is not an image name or ID", "write image://NAME[:TAG] or image://IMAGE_ID");
        using var handler = CreateHandler(out var baseUri);
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(baseUri, $"images/{name}/get"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new VigilException(ErrorKind.Network, $"no container engine answers at {Host}: {e.Message}",
                "start docker (or 'podman system service'), or point DOCKER_HOST at its socket, or scan from a registry or an archive instead", e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new VigilException(ErrorKind.NotFound, $"the engine at {Host} has no image '{name}'",
                    $"pull or build it first (docker images lists what it has), or scan it from its registry: vigil scan {name}");
            if (!response.IsSuccessStatusCode)
                throw new VigilException(ErrorKind.Network, $"the engine at {Host} answered {(int)response.StatusCode} {response.ReasonPhrase} exporting '{name}'",
                    "check the engine's logs");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            try
            {
                await body.CopyToAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new VigilException(ErrorKind.Network, $"the engine at {Host} broke off while exporting '{name}': {e.Message}", "try again", e);
            }
        }
    }

    private SocketsHttpHandler CreateHandler(out Uri baseUri)
    {
        var host = Host;
        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var socketPath = host["unix://".Length..];
            baseUri = new Uri("http://engine/");
            return new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
        }
        if (host.StartsWith("tcp://", StringComparison.Ordinal) || host.StartsWith("http://", StringComparison.Ordinal))
        {
            baseUri = new Uri("http://" + host[(host.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/') + "/");
            return new SocketsHttpHandler();
        }
        throw new VigilException(ErrorKind.Unsupported, $"DOCKER_HOST '{host}' is not a unix:// socket or tcp:// address Vigil can reach",
            "set DOCKER_HOST=unix:///var/run/docker.sock (or podman's socket); TLS and ssh:// engines are not supported yet");
    }
}
