using Vigil.Core.Model;

namespace Vigil.Ecosystems.Alpine;

/// <summary>One package of apk's installed database (lib/apk/db/installed).</summary>
/// <param name="Origin">The o: field, the source package Alpine's secdb names; the package itself when absent.</param>
public sealed record ApkEntry(string Name, string Version, string? Architecture, string Origin, string? License, int Line)
{
    public string Key => $"{Name}\u0000{Version}\u0000{Architecture}";

    public Package ToPackage(string location, string catalogerId, Distro? distro, int layerIndex, string? layerDiffId)
    {
        var purl = PackageUrl.Build(PackageTypes.Apk, "alpine", Name, Version,
        [
            new("arch", Architecture),
            new("distro", distro?.PurlLabel),
            new("upstream", Origin == Name ? null : Origin),
        ]);
        IReadOnlyList<string> licenses = string.IsNullOrWhiteSpace(License)
            ? []
            : License.Split([' '], StringSplitOptions.RemoveEmptyEntries).Where(l => l is not ("AND" or "OR" or "and" or "or")).ToArray();
        return new Package(Name, Version, PackageTypes.Apk, purl, Origin, Version, Architecture, licenses, location, catalogerId, layerIndex, layerDiffId);
    }
}
