using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Scanning;

/// <summary>
/// The rule that keeps an unreadable image from passing as clean: an OS whose package database yields
/// nothing, or an image in which nothing at all was recognised, is an incomplete scan.
/// </summary>
public static class Completeness
{
    private static readonly Dictionary<string, string> OsPackageType = new(StringComparer.Ordinal)
    {
        ["debian"] = PackageTypes.Deb, ["ubuntu"] = PackageTypes.Deb, ["alpine"] = PackageTypes.Apk,
        ["rhel"] = PackageTypes.Rpm, ["centos"] = PackageTypes.Rpm, ["fedora"] = PackageTypes.Rpm,
        ["almalinux"] = PackageTypes.Rpm, ["rocky"] = PackageTypes.Rpm, ["sles"] = PackageTypes.Rpm,
        ["opensuse-leap"] = PackageTypes.Rpm, ["amzn"] = PackageTypes.Rpm, ["ol"] = PackageTypes.Rpm,
    };

    public static IEnumerable<ScanWarning> Check(Distro? distro, IReadOnlyList<Package> packages, IReadOnlyList<ICataloger> catalogers)
    {
        if (distro is null)
        {
            if (packages.Count == 0)
            {
                yield return new ScanWarning("nothing-recognised",
                    "no operating system and no package of any kind was recognised in the image, so nothing could be checked; " +
                    "if this image has packages, their database is in a place or format Vigil does not read yet", Incomplete: true);
            }
            yield break;
        }

        var expected = OsPackageType.GetValueOrDefault(distro.Id);
        if (expected is null)
        {
            yield return new ScanWarning("distro-unknown",
                $"{distro} was detected but Vigil does not know its package manager, so its OS packages were not catalogued", Incomplete: true);
            yield break;
        }
        if (!catalogers.Any(c => c.PackageTypes.Contains(expected)))
        {
            yield return new ScanWarning("package-database-unsupported",
                $"{distro} was detected but Vigil cannot read its {expected} package database yet, so its OS packages were not catalogued", Incomplete: true);
            yield break;
        }
        if (!packages.Any(p => p.Type == expected))
        {
            yield return new ScanWarning("no-os-packages",
                $"{distro} was detected but its {expected} package database is missing, unreadable or empty: 0 packages were found. " +
                "A distroless or stripped image may have removed it; the scan cannot say the image is clean", Incomplete: true);
        }
    }
}
