using Vigil.Server.Auth;
using Vigil.Server.Storage;

namespace Vigil.Server;

/// <summary>
/// What <c>vigil serve user …</c> and <c>vigil serve token …</c> do, straight on a data directory. Safe while the
/// server runs: SQLite serialises the writes and the server reads grants and tokens live.
/// </summary>
public sealed class ServerAdmin
{
    private readonly UserStore users;
    private readonly RegistryStore registry;

    public ServerAdmin(string dataDirectory)
    {
        var data = new DataDirectory(dataDirectory);
        var db = new MetadataDb(data.MetadataPath);
        users = new UserStore(db);
        registry = new RegistryStore(db, new BlobStore(data));
    }

    /// <summary>Adds a user or resets its password and admin flag.</summary>
    public Task AddUserAsync(string name, string password, bool isAdmin, CancellationToken cancellationToken) =>
        users.AddUserAsync(name, password, isAdmin, cancellationToken);

    public Task<bool> RemoveUserAsync(string name, CancellationToken cancellationToken) => users.DeleteUserAsync(name, cancellationToken);

    /// <summary>Grants read, write or admin on a namespace (NS) or a repository (NS/REPO); <see cref="AccessLevel.None"/> removes the grant.</summary>
    public Task GrantAsync(string user, string scope, AccessLevel level, CancellationToken cancellationToken) =>
        users.GrantAsync(user, scope, level, cancellationToken);

    public Task<IReadOnlyList<GrantInfo>> ListGrantsAsync(string user, CancellationToken cancellationToken) => users.ListGrantsAsync(user, cancellationToken);

    /// <summary>Creates an access token; its secret is in the result and nowhere else.</summary>
    public Task<CreatedAccessToken> CreateTokenAsync(string user, string name, TimeSpan lifetime, CancellationToken cancellationToken) =>
        users.CreateTokenAsync(user, name, lifetime, cancellationToken);

    public Task<bool> RevokeTokenAsync(string tokenId, CancellationToken cancellationToken) => users.RevokeTokenAsync(tokenId, cancellationToken);

    public Task<IReadOnlyList<AccessTokenInfo>> ListTokensAsync(string? user, CancellationToken cancellationToken) => users.ListTokensAsync(user, cancellationToken);

    /// <summary>A repository's settings, or the defaults (scan on push, no anonymous pull) when none were set.</summary>
    public async Task<RepositorySettings> GetRepositoryAsync(string repository, CancellationToken cancellationToken) =>
        await registry.GetRepositoryAsync(repository, cancellationToken).ConfigureAwait(false) ?? new RepositorySettings(repository, true, false);

    /// <summary>Scan on push (default on) and anonymous pull (default off) for one repository.</summary>
    public Task SetRepositoryAsync(string repository, bool scanOnPush, bool anonymousPull, CancellationToken cancellationToken) =>
        registry.SetRepositoryAsync(new RepositorySettings(repository, scanOnPush, anonymousPull), cancellationToken);
}
