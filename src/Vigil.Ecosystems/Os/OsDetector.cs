using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Ecosystems.Os;

/// <summary>
/// Finds the distribution an image declares: os-release first (etc/, then usr/lib/), then the distribution's
/// own release files for images that lack os-release or leave VERSION_ID out (Debian testing/sid).
/// </summary>
public static class OsDetector
{
    private static readonly string[] Paths =
    [
        "etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version",
    ];

    // Debian's own release files name the codename only; the tracker's codenames map to these majors.
    private static readonly Dictionary<string, string> DebianCodenames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jessie"] = "8", ["stretch"] = "9", ["buster"] = "10", ["bullseye"] = "11",
        ["bookworm"] = "12", ["trixie"] = "13", ["forky"] = "14",
    };

    public static bool IsRequired(string path) => Array.IndexOf(Paths, path) >= 0;

    public static Distro? Detect(IFileTree files)
    {
        var osRelease = ReadOsRelease(files, "etc/os-release") ?? ReadOsRelease(files, "usr/lib/os-release");
        if (osRelease is not null && osRelease.TryGetValue("ID", out var id) && id.Length > 0)
        {
            id = id.ToLowerInvariant();
            osRelease.TryGetValue("VERSION_ID", out var versionId);
            osRelease.TryGetValue("VERSION_CODENAME", out var codename);
            osRelease.TryGetValue("PRETTY_NAME", out var pretty);
            if (id == "alpine" && ReadFirstLine(files, "etc/alpine-release") is { Length: > 0 } alpineRelease && string.IsNullOrEmpty(versionId))
                versionId = alpineRelease;
            if (id == "debian" && string.IsNullOrEmpty(versionId))
                versionId = DebianVersionFromFiles(files, codename);
            if (id == "debian" && string.IsNullOrEmpty(codename) && versionId is not null)
                codename = DebianCodenames.FirstOrDefault(kv => kv.Value == Major(versionId)).Key;
            return new Distro(id, NullIfEmpty(versionId), NullIfEmpty(codename), NullIfEmpty(pretty));
        }
        if (ReadFirstLine(files, "etc/alpine-release") is { Length: > 0 } alpine)
            return new Distro("alpine", alpine, null, $"Alpine Linux v{alpine}");
        if (ReadFirstLine(files, "etc/debian_version") is { Length: > 0 } debian)
        {
            var version = DebianVersionFromFiles(files, null);
            var codename = version is null ? null : DebianCodenames.FirstOrDefault(kv => kv.Value == Major(version)).Key;
            return new Distro("debian", version, codename, $"Debian GNU/Linux {debian}");
        }
        return null;
    }

    /// <summary>debian_version holds "12.5" on a release and "trixie/sid" on testing.</summary>
    private static string? DebianVersionFromFiles(IFileTree files, string? codename)
    {
        var text = ReadFirstLine(files, "etc/debian_version");
        if (text is { Length: > 0 } && char.IsAsciiDigit(text[0])) return Major(text);
        if (codename is not null && DebianCodenames.TryGetValue(codename, out var major)) return major;
        return null;
    }

    private static string Major(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? version : version[..dot];
    }

    private static Dictionary<string, string>? ReadOsRelease(IFileTree files, string path)
    {
        if (files.Find(path) is not { Kind: FileKind.File }) return null;
        try
        {
            using var s = files.OpenRead(path);
            return new Dictionary<string, string>(OsReleaseParser.Parse(s), StringComparer.Ordinal);
        }
        catch (Core.VigilException)
        {
            return null;
        }
    }

    private static string? ReadFirstLine(IFileTree files, string path)
    {
        if (files.Find(path) is not { Kind: FileKind.File }) return null;
        try
        {
            using var s = files.OpenRead(path);
            using var r = new StreamReader(s);
            return r.ReadLine()?.Trim();
        }
        catch (Core.VigilException)
        {
            return null;
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
