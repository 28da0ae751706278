using Vigil.Core.Model;

namespace Vigil.Ecosystems.Debian;

/// <summary>One package paragraph of a dpkg database.</summary>
public sealed record DpkgEntry(string Name, string Version, string? Architecture, string SourceName, string SourceVersion, string? Status)
{
    // The states in which a package's files are on disk (dpkg(1) "package states"); config-files and
    // not-installed leave only configuration behind, so there is nothing to be vulnerable.
    private static readonly HashSet<string> PresentStates = new(StringComparer.Ordinal)
    {
        "installed", "half-installed", "unpacked", "half-configured", "triggers-awaited", "triggers-pending",
    };

    /// <summary>distroless status.d entries carry no Status field: their presence means installed.</summary>
    public bool IsInstalled => IsPresent(Status);

    private static bool IsPresent(string? status)
    {
        if (status is null) return true;
        var words = status.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 3 && PresentStates.Contains(words[2]);
    }

    public string Key => $"{Name}\u0000{Version}\u0000{Architecture}";

    /// <summary>Reads a paragraph; null with a reason when it is not a usable package entry.</summary>
    public static DpkgEntry? From(ControlParagraph p, out string? reason)
    {
        var name = p["Package"];
        var version = p["Version"];
        var status = p["Status"];
        if (string.IsNullOrEmpty(name))
        {
            reason = "paragraph without a Package field";
            return null;
        }
        if (string.IsNullOrEmpty(version))
        {
            // dpkg keeps Version-less entries only for packages whose files are gone; one on disk is damage.
            reason = IsPresent(status) ? $"package '{name}' has no Version field" : null;
            return null;
        }
        var (sourceName, sourceVersion) = ParseSource(p["Source"], name, version);
        reason = null;
        return new DpkgEntry(name, version, p["Architecture"], sourceName, sourceVersion, status);
    }

    /// <summary>"Source: glibc (2.36-9)" names the source and its version; a bare "Source: pam" shares the binary's version.</summary>
    public static (string Name, string Version) ParseSource(string? source, string name, string version)
    {
        if (string.IsNullOrWhiteSpace(source)) return (name, version);
        var s = source.Trim();
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0) return (s, version);
        var close = s.IndexOf(')', open);
        var srcName = s[..open].Trim();
        var srcVersion = close > open ? s[(open + 1)..close].Trim() : version;
        return (srcName.Length == 0 ? name : srcName, srcVersion.Length == 0 ? version : srcVersion);
    }

    public Package ToPackage(string location, string catalogerId, Distro? distro, int layerIndex, string? layerDiffId, IReadOnlyList<string>? licenses = null)
    {
        var vendor = distro?.Id is "ubuntu" ? "ubuntu" : "debian";
        var purl = PackageUrl.Build(PackageTypes.Deb, vendor, Name, Version,
        [
            new("arch", Architecture),
            new("distro", distro?.PurlLabel),
            new("upstream", SourceName == Name ? null : SourceVersion == Version ? SourceName : $"{SourceName}@{SourceVersion}"),
        ]);
        return new Package(Name, Version, PackageTypes.Deb, purl, SourceName, SourceVersion, Architecture, licenses ?? [], location, catalogerId, layerIndex, layerDiffId);
    }
}
