using Vigil.Core.Model;
using Vigil.Ecosystems.Common;

namespace Vigil.Ecosystems.Alpine;

/// <summary>Alpine packages against the secdb of the image's branch, by origin package.</summary>
public sealed class AlpineMatcher : VendorAdvisoryMatcher
{
    public override string Id => "alpine";

    protected override string SchemeName => "apk";

    protected override string PackageType => PackageTypes.Apk;

    protected override IReadOnlyList<string> DistroIds { get; } = ["alpine"];

    protected override string ComparedVersion(Package package) => package.Version;

    /// <summary>3.18.4 → alpine:3.18; a pre-release such as 3.19_alpha20230901 is edge.</summary>
    public override string? NamespaceFor(Distro distro)
    {
        if (distro.VersionId is not { Length: > 0 } v) return null;
        if (v.Contains('_', StringComparison.Ordinal) || v.Contains("edge", StringComparison.OrdinalIgnoreCase)) return "alpine:edge";
        var parts = v.Split('.');
        return parts.Length >= 2 ? $"alpine:{parts[0]}.{parts[1]}" : null;
    }
}
