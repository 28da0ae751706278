using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Ecosystems.Debian.Feed;

/// <summary>Parses the security tracker's line syntax (data/CVE/list, data/DSA/list, data/DLA/list; the vuln-list "Original" lines).</summary>
public static partial class DebianListLineParser
{
    [GeneratedRegex(@"^(?:\[(?<rel>[a-z0-9-]+)\]\s+)?-\s+(?<pkg>[A-Za-z0-9][A-Za-z0-9.+\-]*)(?:\s+(?<ver><[^>]*>|[^\s(]+))?\s*(?:\((?<extra>.*)\))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageLine();

    [GeneratedRegex(@"^(?<id>(?:CVE-\d{4}-[0-9X]+|TEMP-\d+-[0-9A-F]+))(?:\s+(?<desc>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CveHeader();

    [GeneratedRegex(@"^\[(?<date>\d{1,2} [A-Za-z]{3} \d{4})\]\s+(?<id>(?:DSA|DLA|DTSA)-[0-9]+(?:-[0-9]+)?)\s*(?<title>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex AdvisoryHeader();

    public static bool IsCveHeader(string line) => CveHeader().IsMatch(line);

    public static bool IsAdvisoryHeader(string line) => AdvisoryHeader().IsMatch(line);

    /// <summary>A package line, or null when the line is not one (NOTE:, TODO:, xrefs …).</summary>
    public static DebianPackageLine? ParsePackageLine(string line)
    {
        var m = PackageLine().Match(line.Trim());
        if (!m.Success) return null;
        var release = m.Groups["rel"].Success ? m.Groups["rel"].Value : null;
        var pkg = m.Groups["pkg"].Value;
        var ver = m.Groups["ver"].Success ? m.Groups["ver"].Value : null;
        var extra = m.Groups["extra"].Success ? m.Groups["extra"].Value.Trim() : null;

        var kind = DebianLineKind.Fixed;
        string? version = ver;
        if (ver is null)
        {
            kind = DebianLineKind.Unknown;
        }
        else if (ver.StartsWith('<'))
        {
            version = null;
            kind = ver.Trim('<', '>') switch
            {
                "unfixed" => DebianLineKind.Unfixed,
                "not-affected" => DebianLineKind.NotAffected,
                "no-dsa" => DebianLineKind.NoDsa,
                "ignored" => DebianLineKind.Ignored,
                "postponed" => DebianLineKind.Postponed,
                "end-of-life" => DebianLineKind.EndOfLife,
                "removed" => DebianLineKind.Removed,
                "undetermined" => DebianLineKind.Undetermined,
                "itp" => DebianLineKind.Itp,
                _ => DebianLineKind.Unknown,
            };
        }

        // "(low; bug #123)" on version lines carries an urgency; on <no-dsa> and friends it is the reason.
        string? urgency = null;
        string? reason = null;
        if (!string.IsNullOrEmpty(extra))
        {
            if (kind is DebianLineKind.Fixed or DebianLineKind.Unfixed or DebianLineKind.Removed or DebianLineKind.Itp or DebianLineKind.Undetermined)
            {
                foreach (var part in extra.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (DebianReleases.IsUrgencyWord(part)) urgency = part;
                }
            }
            else
            {
                reason = extra;
            }
        }
        return new DebianPackageLine(release, pkg, kind, version, urgency, reason);
    }

    /// <summary>Ids inside "{DSA-1 CVE-2 …}"; empty when the line is not an xref.</summary>
    public static IReadOnlyList<string> ParseXref(string line)
    {
        var t = line.Trim();
        if (!t.StartsWith('{') || !t.EndsWith('}')) return [];
        return t[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Reads CVE/list text into entries.</summary>
    public static IEnumerable<DebianCveEntry> ParseCveList(TextReader reader, string source)
    {
        string? id = null, desc = null;
        List<string> xrefs = [], notes = [];
        List<DebianPackageLine> packages = [];
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                if (id is not null) yield return new DebianCveEntry(id, desc, xrefs, packages, notes);
                var m = CveHeader().Match(line.TrimEnd());
                if (!m.Success)
                    throw Feeds.FeedContent.Malformed(source, $"line {lineNo.ToString(CultureInfo.InvariantCulture)} is not a CVE/list entry header: \"{Trim(line)}\"");
                id = m.Groups["id"].Value;
                desc = StripParens(m.Groups["desc"].Value);
                if (id.EndsWith("-XXXX", StringComparison.Ordinal)) id = PlaceholderId(id, desc, lineNo);
                xrefs = [];
                notes = [];
                packages = [];
                continue;
            }
            if (id is null) throw Feeds.FeedContent.Malformed(source, $"line {lineNo.ToString(CultureInfo.InvariantCulture)} is indented before any CVE header");
            var body = line.Trim();
            if (body.StartsWith('{')) xrefs.AddRange(ParseXref(body));
            else if (body.StartsWith("NOTE:", StringComparison.Ordinal)) notes.Add(body[5..].Trim());
            else if (ParsePackageLine(body) is { } p) packages.Add(p);
        }
        if (id is not null) yield return new DebianCveEntry(id, desc, xrefs, packages, notes);
    }

    /// <summary>Reads DSA/list or DLA/list text into entries.</summary>
    public static IEnumerable<DebianAdvisoryEntry> ParseAdvisoryList(TextReader reader, string source)
    {
        string? id = null, date = null, title = null;
        List<string> cves = [];
        List<DebianPackageLine> packages = [];
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            if (!char.IsWhiteSpace(line[0]))
            {
                if (id is not null) yield return new DebianAdvisoryEntry(id, date, title, cves, packages);
                var m = AdvisoryHeader().Match(line.TrimEnd());
                if (!m.Success)
                    throw Feeds.FeedContent.Malformed(source, $"line {lineNo.ToString(CultureInfo.InvariantCulture)} is not a DSA/DLA list entry header: \"{Trim(line)}\"");
                id = m.Groups["id"].Value;
                date = m.Groups["date"].Value;
                title = m.Groups["title"].Value.Trim();
                cves = [];
                packages = [];
                continue;
            }
            if (id is null) throw Feeds.FeedContent.Malformed(source, $"line {lineNo.ToString(CultureInfo.InvariantCulture)} is indented before any advisory header");
            var body = line.Trim();
            if (body.StartsWith('{')) cves.AddRange(ParseXref(body));
            else if (ParsePackageLine(body) is { } p && p.Release is not null) packages.Add(p);
        }
        if (id is not null) yield return new DebianAdvisoryEntry(id, date, title, cves, packages);
    }

    public static string? StripParens(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if ((t.StartsWith('(') && t.EndsWith(')')) || (t.StartsWith('[') && t.EndsWith(']'))) t = t[1..^1].Trim();
        return t.Length == 0 ? null : t;
    }

    /// <summary>
    /// "CVE-2023-XXXX [description]" entries have no id yet; many share that text. The tracker names them TEMP-…;
    /// ours is derived from the description (stable across imports of the same list) so entries stay distinct.
    /// </summary>
    private static string PlaceholderId(string id, string? description, int lineNo)
    {
        var key = description ?? lineNo.ToString(CultureInfo.InvariantCulture);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..6];
        return $"TEMP-{id.AsSpan(4, 4)}-{hash}";
    }

    private static string Trim(string line) => line.Length > 80 ? line[..80] + "…" : line;
}
