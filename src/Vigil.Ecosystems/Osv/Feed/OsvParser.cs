using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Feeds;

namespace Vigil.Ecosystems.Osv.Feed;

/// <summary>
/// OSV records: one JSON or YAML file, a directory tree of them, a zip (as osv.dev serves per ecosystem) or a tar.gz.
/// Every ecosystem is stored; withdrawn records are skipped (withdrawn means the advisory no longer holds).
/// </summary>
public sealed class OsvParser : IFeedParser
{
    public string Feed => "osv";

    public string Format => "osv";

    private static readonly string[] Extensions = [".json", ".yaml", ".yml"];

    public bool Recognizes(FeedInput input)
    {
        if (input.IsDirectory) return FeedContent.FilesUnder(input.LocalPath, Extensions).Take(50).Any(f => IsRecord(FeedContent.ReadHead(f)));
        var head = input.Head.Span;
        if (FeedContent.LooksLikeZip(head) || FeedContent.LooksLikeGzip(head))
        {
            try
            {
                return Entries(input.LocalPath, input.Source).Take(20).Any(e => IsRecord(e.Bytes));
            }
            catch (Exception e) when (e is InvalidDataException or IOException or Core.VigilException)
            {
                return false;
            }
        }
        return IsRecord(head);
    }

    /// <summary>An OSV record has an id and a modified time (both required by the schema); NVD's "lastModified" does not count.</summary>
    public static bool IsRecord(ReadOnlySpan<byte> head)
    {
        if (FeedContent.LooksLikeJsonObject(head))
        {
            var names = JsonSniff.TopLevelProperties(head).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            return names.Contains("id") && (names.Contains("modified") || names.Contains("schema_version")) && !names.Contains("sourceIdentifier");
        }
        var text = FeedContent.HeadText(head);
        if (text is null) return false;
        var lines = text.Split('\n');
        return lines.Any(l => l.StartsWith("id:", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("modified:", StringComparison.Ordinal));
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(FeedInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (input.IsDirectory)
        {
            foreach (var file in FeedContent.FilesUnder(input.LocalPath, Extensions))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
                var name = $"{input.Source}/{Path.GetRelativePath(input.LocalPath, file)}";
                if (ReadRecord(bytes, name, strict: false) is { } advisory) yield return advisory;
            }
            yield break;
        }
        var head = input.Head.Span;
        if (FeedContent.LooksLikeZip(head) || FeedContent.LooksLikeGzip(head))
        {
            foreach (var (name, bytes) in Entries(input.LocalPath, input.Source))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ReadRecord(bytes, $"{input.Source}!{name}", strict: false) is { } advisory) yield return advisory;
            }
            yield break;
        }
        var single = await File.ReadAllBytesAsync(input.LocalPath, cancellationToken);
        if (ReadRecord(single, input.Source, strict: true) is { } one) yield return one;
    }

    /// <summary>
    /// One record. In a tree or archive, .json/.yaml files that are not OSV (an index, a manifest) are passed over;
    /// a file that claims to be OSV but does not parse is an error, so a corrupt feed never imports as a partial one.
    /// </summary>
    private static Advisory? ReadRecord(byte[] bytes, string name, bool strict)
    {
        if (!IsRecord(bytes))
        {
            if (strict) throw FeedContent.Malformed(name, "is not an OSV record");
            return null;
        }
        OsvRecord? record;
        try
        {
            if (FeedContent.LooksLikeJsonObject(bytes))
            {
                record = JsonSerializer.Deserialize(bytes, OsvJsonContext.Default.OsvRecord);
            }
            else
            {
                var node = OsvYaml.ToJson(Encoding.UTF8.GetString(bytes), name);
                record = node is null ? null : node.Deserialize(OsvJsonContext.Default.OsvRecord);
            }
        }
        catch (JsonException e)
        {
            throw FeedContent.Malformed(name, $"is not a valid OSV record ({e.Message})", e);
        }
        if (record is null) throw FeedContent.Malformed(name, "is empty");
        if (!string.IsNullOrEmpty(record.Withdrawn)) return null;
        return OsvConventions.ToAdvisory(record, name);
    }

    /// <summary>The .json/.yaml entries of a zip or tar.gz, in archive order, each read whole (OSV records are small).</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Entries(string path, string source)
    {
        var head = FeedContent.ReadHead(path);
        if (FeedContent.LooksLikeZip(head))
        {
            using var zip = FeedContent.OpenZip(path, source);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/') || !Extensions.Any(x => entry.FullName.EndsWith(x, StringComparison.OrdinalIgnoreCase))) continue;
                using var s = entry.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                yield return (entry.FullName, ms.ToArray());
            }
            yield break;
        }
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = tar.GetNextEntry();
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw FeedContent.Malformed(source, $"is not a readable tar.gz ({e.Message})", e);
            }
            if (entry is null) yield break;
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            if (!Extensions.Any(x => entry.Name.EndsWith(x, StringComparison.OrdinalIgnoreCase))) continue;
            using var ms = new MemoryStream();
            entry.DataStream.CopyTo(ms);
            yield return (entry.Name, ms.ToArray());
        }
    }
}
