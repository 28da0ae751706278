using Vigil.Core.Model;
using Vigil.Server.Scanning;

namespace Vigil.Server.Api;

/// <summary>Shapes a stored scan for the scan API and for DTR's routes.</summary>
public static class ScanReportBuilder
{
    public static ScanReport Build(ScanRecord scan)
    {
        var r = scan.Result;
        return new ScanReport(
            scan.Id, scan.Repository, scan.Tag, scan.Digest.ToString(), scan.Platform, scan.Status.ToString().ToLowerInvariant(), scan.Error,
            scan.QueuedAt, scan.StartedAt, scan.CompletedAt,
            r is null ? null : Count(r.Findings),
            r?.Os is { } os ? new OsView(os.Id, os.VersionId, os.Codename, os.PrettyName) : null,
            r?.Target.Layers.Select(l => new LayerView(l.Index, l.Digest.ToString(), l.DiffId.ToString(), l.MediaType, l.Size, l.CreatedBy)).ToList(),
            r?.Packages.Select(p => new ComponentView(p.Name, p.Version, p.Type, p.Purl, p.SourceName, p.SourceVersion, p.LayerIndex, p.LayerDiffId)).ToList(),
            r?.Findings.Select(f => new VulnerabilityView(f.VulnerabilityId, f.PackageName, f.InstalledVersion, f.FixedVersion, f.Severity.ToText(),
                f.CvssScore, f.CvssVector, f.Description, f.Status.ToText(), f.IsFixable, f.LayerIndex, f.LayerDiffId, f.Aliases)).ToList(),
            r?.Database is { } db ? Database(db) : null,
            r?.Warnings.Select(w => $"{w.Code}: {w.Message}").ToList());
    }

    public static DatabaseView Database(DatabaseInfo db) =>
        new(DatabaseVersion.Of(db), db.Path, db.SchemaVersion, db.BuiltAt, db.AdvisoryCount, db.Imports);

    public static SeverityCounts Count(IReadOnlyList<Finding> findings)
    {
        int Of(Severity s) => findings.Count(f => f.Severity == s);
        return new SeverityCounts(Of(Severity.Critical), Of(Severity.High), Of(Severity.Medium), Of(Severity.Low), Of(Severity.Negligible), Of(Severity.Unknown),
            findings.Count, findings.Count(f => f.IsFixable));
    }

    /// <summary>DTR's buckets: critical for CVSS ≥ 7, major for 4 to 7, minor below 4. Without a score the severity stands in.</summary>
    public static string DtrBucket(Finding f) => f.CvssScore switch
    {
        >= 7.0 => "critical",
        >= 4.0 => "major",
        not null => "minor",
        _ => f.Severity switch
        {
            Severity.Critical or Severity.High => "critical",
            Severity.Medium => "major",
            _ => "minor",
        },
    };

    public static DtrScanSummary Dtr(ScanRecord scan, string ns, string repo, string tag, bool detailed)
    {
        var platform = Platform.TryParse(scan.Platform, out var p) ? p : Platform.Default;
        var findings = scan.Result?.Findings ?? [];
        IReadOnlyList<DtrLayer>? layers = null;
        if (detailed && scan.Result is { } r)
        {
            layers = r.Target.Layers.Select(l => new DtrLayer(l.Digest.ToString(),
                r.Packages.Where(pk => pk.LayerIndex == l.Index).Select(pk => new DtrComponent(pk.Name, pk.Version, pk.Location,
                    r.Findings.Where(f => f.PackagePurl == pk.Purl || (f.PackageName == pk.Name && f.InstalledVersion == pk.Version))
                        .Select(f => new DtrVulnEntry(new DtrVuln(f.VulnerabilityId, f.CvssScore ?? 0, f.Description ?? ""))).ToList())).ToList())).ToList();
        }
        return new DtrScanSummary(ns, repo, tag, platform.Os, platform.Architecture, scan.Result?.Target.ManifestDigest?.ToString() ?? scan.Digest.ToString(),
            findings.Count(f => DtrBucket(f) == "critical"), findings.Count(f => DtrBucket(f) == "major"), findings.Count(f => DtrBucket(f) == "minor"),
            scan.Status.ToString().ToLowerInvariant(), scan.CompletedAt, ShouldRescan: false,
            HasForeignLayers: scan.Result?.Target.Layers.Any(l => Distribution.MediaTypes.IsForeignLayer(l.MediaType)) ?? false, layers);
    }
}
