using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Feeds;

namespace Vigil.Ecosystems.Nvd.Feed;

/// <summary>
/// NVD CVE API 2.0: a response page ({"vulnerabilities":[{"cve":…}]}), a single "cve" object, or anchore/vunnel's wrapping
/// ({"item":{"cve":…}}); a file or a directory of them. NVD is not a package feed: it gives CVSS and descriptions.
/// </summary>
public sealed class NvdApiParser : IFeedParser
{
    public string Feed => "nvd";

    public string Format => "nvd-api";

    private enum Shape { None, Page, Cve, Wrapped }

    public bool Recognizes(FeedInput input)
    {
        if (input.IsDirectory) return FeedContent.FilesUnder(input.LocalPath, ".json").Take(50).Any(f => Classify(FeedContent.ReadHead(f)) != Shape.None);
        return Classify(input.Head.Span) != Shape.None;
    }

    private static Shape Classify(ReadOnlySpan<byte> head)
    {
        var props = JsonSniff.TopLevelProperties(head);
        var names = props.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (names.Contains("resultsPerPage") || (names.Contains("format") && names.Contains("vulnerabilities"))) return Shape.Page;
        if (names.Contains("id") && (names.Contains("sourceIdentifier") || names.Contains("vulnStatus"))) return Shape.Cve;
        if (props.Any(p => p is ("item", JsonTokenType.StartObject)) && FeedContent.HeadText(head) is { } text && text.Contains("\"cve\"", StringComparison.Ordinal)) return Shape.Wrapped;
        return Shape.None;
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(FeedInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = input.IsDirectory ? FeedContent.FilesUnder(input.LocalPath, ".json") : [input.LocalPath];
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var name = input.IsDirectory ? $"{input.Source}/{Path.GetRelativePath(input.LocalPath, file)}" : input.Source;
            var shape = Classify(bytes);
            if (shape == Shape.None)
            {
                if (!input.IsDirectory) throw FeedContent.Malformed(name, "is not an NVD API 2.0 response or CVE record");
                continue;
            }
            foreach (var advisory in Read(bytes, shape, name)) yield return advisory;
        }
    }

    private static List<Advisory> Read(byte[] bytes, Shape shape, string name)
    {
        var result = new List<Advisory>();
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            IEnumerable<JsonElement> cves = shape switch
            {
                Shape.Page => root.TryGetProperty("vulnerabilities", out var v) && v.ValueKind == JsonValueKind.Array
                    ? v.EnumerateArray().Select(x => x.GetProperty("cve"))
                    : throw FeedContent.Malformed(name, "is an NVD page without a vulnerabilities array"),
                Shape.Wrapped => [root.GetProperty("item").GetProperty("cve")],
                _ => [root],
            };
            foreach (var element in cves)
            {
                var cve = element.Deserialize(NvdJsonContext.Default.NvdCve);
                if (cve?.Id is not { Length: > 0 }) throw FeedContent.Malformed(name, "holds a CVE without an id");
                if (cve.VulnStatus == "Rejected") continue;
                result.Add(ToAdvisory(cve));
            }
        }
        catch (JsonException e)
        {
            throw FeedContent.Malformed(name, $"is not valid NVD JSON ({e.Message})", e);
        }
        catch (KeyNotFoundException e)
        {
            throw FeedContent.Malformed(name, $"lacks a field NVD records have ({e.Message})", e);
        }
        return result;
    }

    private static Advisory ToAdvisory(NvdCve cve)
    {
        var cvss = new List<CvssScore>();
        var m = cve.Metrics;
        foreach (var metric in (m?.V40 ?? []).Concat(m?.V31 ?? []).Concat(m?.V30 ?? []).Concat(m?.V2 ?? []))
        {
            if (metric.CvssData is not { VectorString: { Length: > 0 } vector, BaseScore: { } score } data) continue;
            cvss.Add(new CvssScore(data.Version ?? "", vector, score, metric.Source));
        }
        // NVD's own primary score, newest CVSS version first, sets the record's severity; a CNA's score only when NVD has none.
        var primary = cvss.FirstOrDefault(c => c.Source == "nvd@nist.gov") ?? cvss.FirstOrDefault();
        var description = cve.Descriptions?.FirstOrDefault(d => d.Lang == "en")?.Value ?? cve.Descriptions?.FirstOrDefault()?.Value;
        return new Advisory(cve.Id!, "nvd", [], null, description, primary is null ? Severity.Unknown : SeverityText.FromCvss(primary.BaseScore), cvss,
            (cve.References ?? []).Select(r => r.Url).OfType<string>().ToList(), Date(cve.Published), Date(cve.LastModified), []);
    }

    // NVD writes local-less timestamps ("2022-12-16T22:15:08.973") that are UTC.
    private static DateTimeOffset? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
}
