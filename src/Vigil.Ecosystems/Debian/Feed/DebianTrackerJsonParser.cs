using System.Runtime.CompilerServices;
using System.Text.Json;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Feeds;

namespace Vigil.Ecosystems.Debian.Feed;

/// <summary>The security tracker's public JSON (https://security-tracker.debian.org/tracker/data/json): package → CVE → release.</summary>
public sealed class DebianTrackerJsonParser : IFeedParser
{
    public string Feed => "debian";

    public string Format => "debian-tracker-json";

    public bool Recognizes(FeedInput input)
    {
        if (input.IsDirectory) return false;
        var (outer, inner) = JsonSniff.FirstNestedPropertyName(input.Head.Span);
        return outer is not null && inner is not null && (inner.StartsWith("CVE-", StringComparison.Ordinal) || inner.StartsWith("TEMP-", StringComparison.Ordinal));
    }

    public async IAsyncEnumerable<Advisory> ParseAsync(FeedInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The whole tracker is ~70 MB: read it once and walk it package by package; only advisories are kept.
        var bytes = await File.ReadAllBytesAsync(input.LocalPath, cancellationToken);
        var byCve = Parse(bytes, input.Source, cancellationToken);
        foreach (var (id, (description, affected)) in byCve)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (affected.Count == 0) continue;
            yield return DebianAdvisoryBuilder.NewAdvisory(id, [], description, affected);
        }
    }

    private static Dictionary<string, (string? Description, List<AffectedPackage> Affected)> Parse(byte[] bytes, string source, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, (string?, List<AffectedPackage>)>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw FeedContent.Malformed(source, "is not a Debian tracker JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var package = reader.GetString()!;
                reader.Read();
                using var doc = JsonDocument.ParseValue(ref reader);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw FeedContent.Malformed(source, $"package \"{package}\" is not an object of CVEs");
                foreach (var cve in doc.RootElement.EnumerateObject())
                {
                    var entry = cve.Value;
                    var description = entry.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    if (!result.TryGetValue(cve.Name, out var acc))
                    {
                        acc = (description, []);
                        result[cve.Name] = acc;
                    }
                    else if (acc.Item1 is null && description is not null)
                    {
                        result[cve.Name] = acc = (description, acc.Item2);
                    }
                    // An empty "releases" is written as [] by the tracker (PHP heritage).
                    if (!entry.TryGetProperty("releases", out var releases) || releases.ValueKind != JsonValueKind.Object) continue;
                    foreach (var release in releases.EnumerateObject())
                    {
                        acc.Item2.Add(FromRelease(package, release.Name, release.Value));
                    }
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject) throw FeedContent.Malformed(source, "ends before the top-level object closes");
        }
        catch (JsonException e)
        {
            throw FeedContent.Malformed(source, $"is not valid Debian tracker JSON (line {e.LineNumber + 1}: {e.Message})", e);
        }
        return result;
    }

    private static AffectedPackage FromRelease(string package, string release, JsonElement r)
    {
        var ns = DebianReleases.Namespace(release);
        var status = Str(r, "status");
        var fixedVersion = Str(r, "fixed_version");
        var urgency = Str(r, "urgency");
        var severity = DebianReleases.Severity(urgency);
        var nodsa = Str(r, "nodsa");
        var nodsaReason = Str(r, "nodsa_reason");

        if (status == "resolved" && !string.IsNullOrEmpty(fixedVersion))
        {
            return fixedVersion == "0"
                ? DebianAdvisoryBuilder.NotAffected(ns, package, severity, urgency, null)
                : DebianAdvisoryBuilder.Affected(ns, package,
                    [new AffectedRange("ECOSYSTEM", [new RangeEvent(Introduced: "0"), new RangeEvent(Fixed: fixedVersion)])], fixedVersion, severity, urgency, null);
        }
        if (status == "not-affected") return DebianAdvisoryBuilder.NotAffected(ns, package, severity, urgency, "not-affected");

        IReadOnlyList<AffectedRange> open = [new AffectedRange("ECOSYSTEM", [new RangeEvent(Introduced: "0")])];
        string? Reason(string word) => string.IsNullOrEmpty(nodsa) ? word : word + ": " + nodsa;
        if (nodsaReason == "ignored") return DebianAdvisoryBuilder.WontFix(ns, package, severity, urgency, Reason("ignored"));
        if (urgency == "end-of-life" || nodsaReason == "end-of-life") return DebianAdvisoryBuilder.WontFix(ns, package, severity, urgency, Reason("end-of-life"));
        if (nodsaReason == "postponed") return DebianAdvisoryBuilder.Affected(ns, package, open, null, severity, urgency, Reason("postponed"));
        if (nodsa is not null) return DebianAdvisoryBuilder.Affected(ns, package, open, null, severity, urgency, Reason("no-dsa"));
        return DebianAdvisoryBuilder.Affected(ns, package, open, null, severity, urgency, status == "undetermined" ? "undetermined" : null);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
