using System.Runtime.CompilerServices;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Feeds;

namespace Vigil.Ecosystems.Debian.Feed;

/// <summary>
/// aquasecurity/vuln-list-debian: the tracker lists as one JSON per entry (tracker/CVE/…, tracker/DSA/…, tracker/DLA/…)
/// whose annotations carry the original list lines, which are re-read with the list parser so both forms agree.
/// tracker/distributions.json, when present, gives the codename → major version table and the releases to inherit into.
/// </summary>
public sealed class DebianVulnListParser : IFeedParser
{
    public string Feed => "debian";

    public string Format => "debian-vuln-list";

    private const int RecognitionProbe = 200;

    public bool Recognizes(FeedInput input)
    {
        if (!input.IsDirectory) return IsEntry(input.Head.Span);
        return FeedContent.FilesUnder(input.LocalPath, ".json").Take(RecognitionProbe).Any(f => IsEntry(FeedContent.ReadHead(f)));
    }

    private static bool IsEntry(ReadOnlySpan<byte> head)
    {
        var props = JsonSniff.TopLevelProperties(head, 2);
        return props.Count > 0 && props[0] is ("Header", JsonTokenType.StartObject);
    }

    private static bool IsDistributions(ReadOnlySpan<byte> head)
    {
        var props = JsonSniff.TopLevelProperties(head, 1);
        return props.Count == 1 && props[0].Value == JsonTokenType.StartObject && FeedContent.HeadText(head) is { } t && t.Contains("\"major-version\"", StringComparison.Ordinal);
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(FeedInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = input.IsDirectory ? FeedContent.FilesUnder(input.LocalPath, ".json") : [input.LocalPath];
        var cves = new List<DebianCveEntry>();
        var advisories = new List<DebianAdvisoryEntry>();
        Dictionary<string, string>? majors = null;
        List<string>? inheriting = null;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var name = input.IsDirectory ? $"{input.Source}/{Path.GetRelativePath(input.LocalPath, file)}" : input.Source;
            if (!IsEntry(bytes))
            {
                if (IsDistributions(bytes)) (majors, inheriting) = ReadDistributions(bytes, name);
                // Other JSON in the tree (per-package source listings) is not advisory data.
                continue;
            }
            VulnListEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize(bytes, DebianFeedJsonContext.Default.VulnListEntry);
            }
            catch (JsonException e)
            {
                throw FeedContent.Malformed(name, $"is not a valid vuln-list-debian entry ({e.Message})", e);
            }
            if (entry?.Header?.Id is not { Length: > 0 } id) throw FeedContent.Malformed(name, "has no Header.ID");
            var lines = (entry.Annotations ?? []).Select(a => a.Original ?? "").ToList();
            if (id.StartsWith("CVE-", StringComparison.Ordinal) || id.StartsWith("TEMP-", StringComparison.Ordinal))
            {
                var xrefs = lines.SelectMany(DebianListLineParser.ParseXref).ToList();
                var packages = lines.Where(l => !l.StartsWith('{') && !l.StartsWith("NOTE:", StringComparison.Ordinal))
                    .Select(DebianListLineParser.ParsePackageLine).OfType<DebianPackageLine>().ToList();
                var notes = lines.Where(l => l.StartsWith("NOTE:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).ToList();
                cves.Add(new DebianCveEntry(id, DebianListLineParser.StripParens(entry.Header.Description), xrefs, packages, notes));
            }
            else
            {
                var header = entry.Header.Original ?? "";
                var text = string.Join('\n', new[] { header }.Concat(lines.Select(l => "\t" + l)));
                using var reader = new StringReader(text);
                advisories.AddRange(DebianListLineParser.ParseAdvisoryList(reader, name));
            }
        }
        // File order is by name; the builder expects the lists' newest-first order for DSA precedence.
        advisories.Sort((a, b) => AdvisoryDate(b).CompareTo(AdvisoryDate(a)));
        foreach (var advisory in new DebianAdvisoryBuilder(majors, inheriting).Build(cves, advisories))
        {
            yield return advisory;
        }
    }

    private static DateTime AdvisoryDate(DebianAdvisoryEntry e) =>
        DateTime.TryParseExact(e.Date, "d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : DateTime.MinValue;

    private static (Dictionary<string, string>, List<string>) ReadDistributions(byte[] bytes, string name)
    {
        Dictionary<string, VulnListDistribution>? table;
        try
        {
            table = JsonSerializer.Deserialize(bytes, DebianFeedJsonContext.Default.DictionaryStringVulnListDistribution);
        }
        catch (JsonException e)
        {
            throw FeedContent.Malformed(name, $"is not a valid distributions.json ({e.Message})", e);
        }
        var majors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var inheriting = new List<string>();
        foreach (var (codename, d) in table ?? [])
        {
            if (string.IsNullOrEmpty(d.MajorVersion)) continue;
            majors[codename] = d.MajorVersion;
            inheriting.Add(codename);
        }
        return (majors, inheriting);
    }
}
