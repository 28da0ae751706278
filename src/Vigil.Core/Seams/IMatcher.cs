using Vigil.Core.Model;

namespace Vigil.Core.Seams;

/// <summary>Turns a package into findings by asking the store about it. Version checks stay in code, not SQL.</summary>
public interface IMatcher
{
    string Id { get; }

    bool Handles(Package package, Distro? distro);

    /// <summary>
    /// The database namespace this matcher reads for the distribution (e.g. debian:12), or null when it reads none;
    /// the pipeline checks the database has data there, so a missing feed makes the scan incomplete, not clean.
    /// </summary>
    string? NamespaceFor(Distro distro);

    IAsyncEnumerable<Finding> MatchAsync(Package package, Distro? distro, IAdvisoryStore store, CancellationToken cancellationToken);
}
