using Vigil.Core.Model;

namespace Vigil.Reports.Common;

/// <summary>Finds the package a finding is about: by purl and version, falling back to name and version.</summary>
internal sealed class PackageIndex
{
    private readonly Dictionary<(string, string), Package> _byPurl = [];
    private readonly Dictionary<(string, string, string), Package> _byName = [];

    public PackageIndex(IEnumerable<Package> packages)
    {
        // Sorted first so that, when two entries share a key, the same one wins on every run.
        foreach (var p in ReportOrder.Packages(packages))
        {
            _byPurl.TryAdd((p.Purl, p.Version), p);
            _byName.TryAdd((p.Type, p.Name, p.Version), p);
        }
    }

    public Package? Find(Finding f) =>
        _byPurl.GetValueOrDefault((f.PackagePurl, f.InstalledVersion))
        ?? _byName.GetValueOrDefault((f.PackageType, f.PackageName, f.InstalledVersion));
}
