using Vigil.Core.Model;

namespace Vigil.Core.Seams;

/// <summary>Turns a package into findings by asking the store about it. Version checks stay in code, not SQL.</summary>
public interface IMatcher
{
    string Id { get; }

    bool Handles(Package package, Distro? distro);

    IAsyncEnumerable<Finding> MatchAsync(Package package, Distro? distro, IAdvisoryStore store, CancellationToken cancellationToken);
}
