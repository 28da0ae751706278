using System.Text;

namespace Vigil.Ecosystems.Alpine;

/// <summary>
/// Reads apk's installed database: "K:value" lines, one package per blank-line separated block.
/// Lines that do not have that shape are reported, not dropped: a damaged database must not read as a smaller one.
/// </summary>
public static class ApkDatabaseReader
{
    public static (IReadOnlyList<ApkEntry> Entries, IReadOnlyList<string> Problems) Read(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var entries = new List<ApkEntry>();
        var problems = new List<string>();
        string? name = null, version = null, arch = null, origin = null, license = null;
        var start = 0;
        var lineNo = 0;
        var any = false;

        void Flush()
        {
            if (!any) return;
            if (string.IsNullOrEmpty(name)) problems.Add($"line {start}: package block without a P: (name) line");
            else if (string.IsNullOrEmpty(version)) problems.Add($"line {start}: package '{name}' has no V: (version) line");
            else entries.Add(new ApkEntry(name, version, arch, string.IsNullOrEmpty(origin) ? name : origin, license, start));
            name = version = arch = origin = license = null;
            any = false;
        }

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            if (line.Length < 2 || line[1] != ':' || !char.IsAsciiLetter(line[0]))
            {
                problems.Add($"line {lineNo}: not a \"K:value\" line: \"{(line.Length > 60 ? line[..60] + "…" : line)}\"");
                continue;
            }
            if (!any)
            {
                any = true;
                start = lineNo;
            }
            var value = line[2..];
            switch (line[0])
            {
                case 'P': name = value; break;
                case 'V': version = value; break;
                case 'A': arch = value; break;
                case 'o': origin = value; break;
                case 'L': license = value; break;
            }
        }
        Flush();
        return (entries, problems);
    }
}
