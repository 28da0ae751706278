using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Rpm;

/// <summary>
/// A full package label <c>name-[epoch:]version-release[.arch]</c> as RPM databases and advisories print it.
/// Ordered by name, then EVR (rpm's labelCompare), then architecture; an absent name or architecture sorts first.
/// </summary>
public sealed record RpmNevra(string Name, RpmVersion Evr, string Arch) : IComparable<RpmNevra>
{
    // Only these are read as an architecture suffix, so that a release such as "12.fc39" keeps its last part.
    private static readonly HashSet<string> Architectures = new(StringComparer.Ordinal)
    {
        "noarch", "src", "nosrc", "x86_64", "amd64", "i386", "i486", "i586", "i686", "athlon", "aarch64", "arm64",
        "armv6hl", "armv7hl", "armv7l", "armhfp", "ppc", "ppc64", "ppc64le", "ppc64p7", "s390", "s390x", "riscv",
        "riscv64", "ia64", "sparc", "sparc64", "sparcv9", "mips", "mipsel", "mips64", "mips64el", "loongarch64", "alpha",
    };

    public static bool TryParse(string text, [NotNullWhen(true)] out RpmNevra? nevra, [NotNullWhen(false)] out string? reason)
    {
        nevra = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "label is empty";
            return false;
        }

        var s = text.AsSpan();
        var arch = "";
        var dot = s.LastIndexOf('.');
        if (dot > 0 && Architectures.Contains(s[(dot + 1)..].ToString()))
        {
            arch = s[(dot + 1)..].ToString();
            s = s[..dot];
        }

        // name-version-release: the last two hyphens end the name; with one hyphen there is no name.
        var name = "";
        var rel = s.LastIndexOf('-');
        if (rel > 0)
        {
            var ver = s[..rel].LastIndexOf('-');
            if (ver >= 0)
            {
                name = s[..ver].ToString();
                s = s[(ver + 1)..];
            }
        }

        if (!RpmVersionScheme.Instance.TryParse(s.ToString(), out RpmVersion? evr, out reason))
        {
            reason = $"'{text}': {reason}";
            return false;
        }

        nevra = new RpmNevra(name, evr, arch);
        return true;
    }

    public int CompareTo(RpmNevra? other)
    {
        if (other is null) return 1;
        var c = string.CompareOrdinal(Name, other.Name);
        if (c != 0) return Math.Sign(c);
        c = Evr.CompareTo(other.Evr);
        return c != 0 ? c : Math.Sign(string.CompareOrdinal(Arch, other.Arch));
    }
}
