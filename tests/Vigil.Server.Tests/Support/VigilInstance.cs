using System.Net.Http.Headers;
using System.Text;
using Vigil.Server.Auth;
using Vigil.Server.Scanning;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// vigil serve in-process on a free loopback port over a fresh data directory, with known users:
/// admin (server admin), alice (write on namespace "team"), bob (read on "team"), carol (write on "other/app").
/// </summary>
public sealed class VigilInstance : IAsyncDisposable
{
    public const string Password = "correct-horse-battery";

    private readonly TempDir dir;

    private VigilInstance(TempDir dir, RunningServer server, ServerAdmin admin, IReadOnlyDictionary<string, string> tokens)
    {
        this.dir = dir;
        Server = server;
        Admin = admin;
        Tokens = tokens;
    }

    public RunningServer Server { get; }

    public ServerAdmin Admin { get; }

    public string DataDirectory => dir.Path;

    /// <summary>A live access token per user.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; }

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Starts with the real pipeline (Scanner, OciImageResolver, AdvisoryDatabase at DATA/vulndb.sqlite).</summary>
    public static Task<VigilInstance> StartRealAsync(CancellationToken cancellationToken) => StartAsync(null, cancellationToken, realPipeline: true);

    public static async Task<VigilInstance> StartAsync(IScanEngine? engine, CancellationToken cancellationToken, int workers = 1, bool realPipeline = false, TimeSpan? uploadExpiry = null)
    {
        var dir = new TempDir();
        var admin = await SeedAsync(dir.Path, cancellationToken);
        var tokens = new Dictionary<string, string>();
        foreach (var u in new[] { "admin", "alice", "bob", "carol" })
        {
            tokens[u] = (await admin.CreateTokenAsync(u, "tests", TimeSpan.FromHours(1), cancellationToken)).Secret;
        }
        var server = await VigilServer.StartAsync(new ServeOptions(dir.Path, "127.0.0.1:0", ScanWorkers: workers, UploadExpiry: uploadExpiry), realPipeline ? null : engine ?? new FixtureScanEngine(), cancellationToken);
        return new VigilInstance(dir, server, admin, tokens);
    }

    /// <summary>Creates the standard users in a data directory (also used before starting the crash-test host).</summary>
    public static async Task<ServerAdmin> SeedAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var admin = new ServerAdmin(dataDirectory);
        await admin.AddUserAsync("admin", Password, isAdmin: true, cancellationToken);
        await admin.AddUserAsync("alice", Password, isAdmin: false, cancellationToken);
        await admin.AddUserAsync("bob", Password, isAdmin: false, cancellationToken);
        await admin.AddUserAsync("carol", Password, isAdmin: false, cancellationToken);
        await admin.GrantAsync("alice", "team", AccessLevel.Write, cancellationToken);
        await admin.GrantAsync("bob", "team", AccessLevel.Read, cancellationToken);
        await admin.GrantAsync("carol", "other/app", AccessLevel.Write, cancellationToken);
        return admin;
    }

    public HttpClient Client(AuthenticationHeaderValue? auth = null)
    {
        var c = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        c.DefaultRequestHeaders.Authorization = auth;
        return c;
    }

    public static AuthenticationHeaderValue Basic(string user, string secret = Password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        dir.Dispose();
    }
}
