using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Reports.Common;

namespace Vigil.Reports.Json;

/// <summary>
/// Maps between the core records and the JSON shape. The JSON shape is a published contract, so it is
/// kept apart from the core records: renaming a core member must not silently change the format.
/// </summary>
internal static class JsonReportMapper
{
    public const int SchemaVersion = 1;
    public const string ScannerName = "vigil";

    public static JsonReport ToJson(ScanResult result)
    {
        var findings = ReportOrder.Findings(result.Findings);
        var counts = SeverityCounts.Of(findings);
        return new JsonReport(
            SchemaVersion,
            new JsonScanner(ScannerName, result.ScannerVersion),
            result.ScannedAt,
            ToJson(result.Target),
            result.Os is { } os ? new JsonOs(os.Id, os.VersionId, os.Codename, os.PrettyName) : null,
            result.Database is { } db ? ToJson(db) : null,
            new JsonVerdict(result.Verdict.Outcome.ToText(), result.Verdict.ExitCode, result.Verdict.Reasons),
            new JsonSummary(result.Packages.Count, counts.Total, counts.Fixable,
                new JsonSeverityCounts(counts.Critical, counts.High, counts.Medium, counts.Low, counts.Negligible, counts.Unknown)),
            result.Warnings.Select(w => new JsonWarning(w.Code, w.Message, w.Incomplete)).ToList(),
            ReportOrder.Packages(result.Packages).Select(ToJson).ToList(),
            findings.Select(ToJson).ToList());
    }

    private static JsonTarget ToJson(ImageInfo t) => new(
        t.Reference, t.Name, t.SourceKind,
        t.ManifestDigest?.ToString(), t.IndexDigest?.ToString(), t.ConfigDigest?.ToString(),
        t.Platform?.ToString(),
        t.Layers.Select(l => new JsonLayer(l.Index, l.Digest.ToString(), l.DiffId.ToString(), l.MediaType, l.Size, l.CreatedBy)).ToList());

    private static JsonDatabase ToJson(DatabaseInfo d) => new(
        d.Path, d.SchemaVersion, d.BuiltAt, d.AdvisoryCount,
        d.Imports.Select(i => new JsonFeedImport(i.Feed, i.Format, i.Source, i.ImportedAt, i.InputSha256, i.Records)).ToList());

    private static JsonPackage ToJson(Package p) => new(
        p.Name, p.Version, p.Type, p.Purl, p.SourceName, p.SourceVersion, p.Architecture, p.Licenses,
        p.Location, p.CatalogerId, p.LayerIndex < 0 ? null : p.LayerIndex, p.LayerDiffId);

    private static JsonFinding ToJson(Finding f) => new(
        f.VulnerabilityId, f.PackageName, f.PackageType, f.PackagePurl, f.InstalledVersion, f.FixedVersion,
        f.AffectedRange, f.Severity.ToText(), f.SeveritySource, f.Status.ToText(), f.Feed, f.Namespace,
        f.CvssScore is { } score ? new JsonCvss(score, f.CvssVector) : null,
        f.Description, f.Aliases, f.Urgency, f.Reason, f.LayerIndex < 0 ? null : f.LayerIndex, f.LayerDiffId);

    public static ScanResult FromJson(JsonReport r)
    {
        if (r.SchemaVersion != SchemaVersion)
        {
            throw new VigilException(ErrorKind.Unsupported,
                $"Vigil JSON schemaVersion {r.SchemaVersion} is not supported (this build reads {SchemaVersion})",
                "write the report again with this version of vigil");
        }
        return new ScanResult(
            FromJson(r.Target),
            r.Os is { } os ? new Distro(os.Id, os.VersionId, os.Codename, os.PrettyName) : null,
            (r.Packages ?? []).Select((p, i) => FromJson(p ?? throw Null($"packages[{i}]"))).ToList(),
            (r.Findings ?? []).Select((f, i) => FromJson(f ?? throw Null($"findings[{i}]"), i)).ToList(),
            r.Database is { } db ? FromJson(db) : null,
            new Verdict(
                EnumText.TryParseOutcome(r.Verdict.Outcome, out var outcome) ? outcome : throw Invalid("verdict.outcome", r.Verdict.Outcome),
                r.Verdict.ExitCode,
                r.Verdict.Reasons ?? []),
            (r.Warnings ?? []).Select((w, i) => w ?? throw Null($"warnings[{i}]")).Select(w => new ScanWarning(w.Code, w.Message, w.Incomplete)).ToList(),
            r.ScannedAt,
            r.Scanner.Version);
    }

    private static ImageInfo FromJson(JsonTarget t) => new(
        t.Reference, t.Name, t.SourceKind,
        OptionalDigest("target.digest", t.Digest),
        OptionalDigest("target.indexDigest", t.IndexDigest),
        OptionalDigest("target.configDigest", t.ConfigDigest),
        t.Platform is null ? null
            : Platform.TryParse(t.Platform, out var platform) ? platform : throw Invalid("target.platform", t.Platform),
        (t.Layers ?? []).Select((l, i) => l ?? throw Null($"target.layers[{i}]")).Select((l, i) => new LayerInfo(l.Index,
            RequiredDigest($"target.layers[{i}].digest", l.Digest),
            RequiredDigest($"target.layers[{i}].diffId", l.DiffId),
            l.MediaType, l.Size, l.CreatedBy)).ToList());

    private static DatabaseInfo FromJson(JsonDatabase d) => new(
        d.Path, d.SchemaVersion, d.BuiltAt,
        (d.Imports ?? []).Select(i => new FeedProvenance(i.Feed, i.Format, i.Source, i.ImportedAt, i.InputSha256, i.Records)).ToList(),
        d.AdvisoryCount);

    private static Package FromJson(JsonPackage p) => new(
        p.Name, p.Version, p.Type, p.Purl, p.SourceName, p.SourceVersion, p.Arch, p.Licenses ?? [],
        p.Location, p.Cataloger, p.LayerIndex ?? -1, p.LayerDiffId);

    private static Finding FromJson(JsonFinding f, int index) => new(
        f.VulnerabilityId, f.PackageName, f.PackageType, f.Purl, f.InstalledVersion, f.FixedVersion, f.AffectedRange,
        EnumText.TryParseSeverity(f.Severity, out var severity) ? severity : throw Invalid($"findings[{index}].severity", f.Severity),
        f.SeveritySource,
        EnumText.TryParseStatus(f.Status, out var status) ? status : throw Invalid($"findings[{index}].status", f.Status),
        f.Feed, f.Namespace, f.Cvss?.Score, f.Cvss?.Vector, f.Description, f.Aliases ?? [], f.Urgency, f.Reason,
        f.LayerIndex ?? -1, f.LayerDiffId);

    private static Digest? OptionalDigest(string field, string? text) => text is null ? null : RequiredDigest(field, text);

    private static Digest RequiredDigest(string field, string text) =>
        Digest.TryParse(text, out var digest, out var reason) ? digest
            : throw new VigilException(ErrorKind.InvalidInput, $"Vigil JSON: {field} '{text}' is not a digest: {reason}");

    // Nullable annotations are not enforced on array elements, so a null entry is caught here.
    private static VigilException Null(string field) =>
        new(ErrorKind.InvalidInput, $"Vigil JSON: {field} is null", "see docs/json-format.md for the fields each entry needs");

    private static VigilException Invalid(string field, string value) =>
        new(ErrorKind.InvalidInput, $"Vigil JSON: {field} has the unknown value '{value}'",
            "see docs/json-format.md for the values each field takes");
}
