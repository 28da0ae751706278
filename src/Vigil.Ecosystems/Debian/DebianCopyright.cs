using System.Text.RegularExpressions;

namespace Vigil.Ecosystems.Debian;

/// <summary>
/// Licences from a package's /usr/share/doc/PACKAGE/copyright. Machine-readable files (DEP-5) name them in
/// <c>License:</c> fields; older free-form files point at /usr/share/common-licenses/NAME. The names are Debian's short
/// names as written (<c>GPL-2+</c>, <c>Expat</c>), not guessed SPDX ids.
/// </summary>
public static partial class DebianCopyright
{
    /// <summary>Files larger than this are read only this far: licence fields come early, and some files embed whole texts.</summary>
    public const int MaxBytes = 1 << 20;

    public static IReadOnlyList<string> Licenses(Stream copyright)
    {
        ArgumentNullException.ThrowIfNull(copyright);
        var text = Read(copyright);
        var found = new List<string>();
        foreach (Match m in LicenseField().Matches(text))
        {
            var names = Separator().Split(m.Groups[1].Value).Select(p => p.Trim().TrimEnd('.')).Where(p => p.Length > 0).ToList();
            // The field holds short names ("GPL-2+", "GPL-2+ with OpenSSL exception"); if any part is prose, all of it is.
            if (names.Any(n => n.Length > 80 || (n.Contains(' ', StringComparison.Ordinal) && !ExceptionForm().IsMatch(n)))) continue;
            foreach (var name in names) Add(found, name);
        }

        if (found.Count > 0) return found;
        foreach (Match m in CommonLicense().Matches(text)) Add(found, m.Groups[1].Value.TrimEnd('.'));
        return found;
    }

    private static void Add(List<string> found, string name)
    {
        if (name.Length > 0 && !found.Contains(name, StringComparer.Ordinal)) found.Add(name);
    }

    private static string Read(Stream s)
    {
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(MaxBytes);
        try
        {
            using var reader = new StreamReader(s, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            var n = reader.ReadBlock(buffer, 0, MaxBytes);
            return new string(buffer, 0, n);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    [GeneratedRegex(@"^License:[ \t]*(\S[^\r\n]*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LicenseField();

    // "A or B", "A and B", "A, B", and the underscore spelling some files use ("LGPLv3+_or_GPLv2+").
    [GeneratedRegex(@",?[ \t_]+(?:or|and)[ \t_]+|,[ \t]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\S+ with [\w.+ -]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExceptionForm();

    [GeneratedRegex(@"/usr/share/common-licenses/([A-Za-z0-9][A-Za-z0-9.+_-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex CommonLicense();
}
