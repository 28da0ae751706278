using System.Runtime.CompilerServices;
using System.Text;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Feeds;

namespace Vigil.Ecosystems.Debian.Feed;

/// <summary>
/// The tracker's own text lists from a security-tracker checkout: data/CVE/list with data/DSA/list and data/DLA/list.
/// The input is the checkout (or its data/ folder) or one list file; CVE/list and the advisory lists are told apart by content.
/// </summary>
public sealed class DebianTrackerListsParser : IFeedParser
{
    public string Feed => "debian";

    public string Format => "debian-tracker-lists";

    private enum ListKind { None, Cve, Advisory }

    public bool Recognizes(FeedInput input)
    {
        if (!input.IsDirectory) return Classify(input.Head.Span) != ListKind.None;
        return ListFiles(input.LocalPath).Count > 0;
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(FeedInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = input.IsDirectory ? ListFiles(input.LocalPath) : [(input.LocalPath, Classify(input.Head.Span))];
        if (files.Count == 0) throw FeedContent.Malformed(input.Source, "holds no data/CVE/list, data/DSA/list or data/DLA/list");
        var cves = new List<DebianCveEntry>();
        var advisories = new List<DebianAdvisoryEntry>();
        foreach (var (path, kind) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
            using var reader = new StringReader(text);
            var name = input.IsDirectory ? $"{input.Source}/{Path.GetRelativePath(input.LocalPath, path)}" : input.Source;
            if (kind == ListKind.Cve) cves.AddRange(DebianListLineParser.ParseCveList(reader, name));
            else advisories.AddRange(DebianListLineParser.ParseAdvisoryList(reader, name));
        }
        foreach (var advisory in new DebianAdvisoryBuilder().Build(cves, advisories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return advisory;
        }
    }

    private static ListKind Classify(ReadOnlySpan<byte> head)
    {
        var text = FeedContent.HeadText(head);
        if (text is null) return ListKind.None;
        using var reader = new StringReader(text);
        var first = reader.ReadLine();
        var second = reader.ReadLine();
        if (first is null) return ListKind.None;
        // A list entry's header is followed by indented lines (or another header); a lone matching line is not enough.
        var secondOk = second is null || second.Length == 0 || char.IsWhiteSpace(second[0]) ||
                       DebianListLineParser.IsCveHeader(second) || DebianListLineParser.IsAdvisoryHeader(second);
        if (!secondOk) return ListKind.None;
        if (DebianListLineParser.IsCveHeader(first.TrimEnd())) return ListKind.Cve;
        if (DebianListLineParser.IsAdvisoryHeader(first.TrimEnd())) return ListKind.Advisory;
        return ListKind.None;
    }

    private static List<(string Path, ListKind Kind)> ListFiles(string directory)
    {
        var result = new List<(string, ListKind)>();
        foreach (var data in new[] { Path.Combine(directory, "data"), directory })
        {
            foreach (var name in new[] { "CVE", "DSA", "DLA" })
            {
                var path = Path.Combine(data, name, "list");
                if (!File.Exists(path)) continue;
                var kind = Classify(FeedContent.ReadHead(path));
                if (kind != ListKind.None) result.Add((path, kind));
            }
            if (result.Count > 0) break;
        }
        return result;
    }
}
