using Vigil.Core.Model;
using Vigil.Ecosystems.Common;

namespace Vigil.Ecosystems.Debian;

/// <summary>
/// Debian packages against the Debian security tracker: by source package and release, comparing the
/// source version (the tracker's fixed versions are source versions; binNMUs share them).
/// </summary>
public sealed class DebianMatcher : VendorAdvisoryMatcher
{
    public override string Id => "debian";

    protected override string SchemeName => "deb";

    protected override string PackageType => PackageTypes.Deb;

    protected override IReadOnlyList<string> DistroIds { get; } = ["debian"];

    public override string? NamespaceFor(Distro distro)
    {
        if (distro.VersionId is { Length: > 0 } v)
        {
            var dot = v.IndexOf('.', StringComparison.Ordinal);
            return "debian:" + (dot < 0 ? v : v[..dot]);
        }
        return distro.Codename is "sid" or null ? "debian:unstable" : null;
    }
}
