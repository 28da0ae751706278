using System.Globalization;
using Vigil.Core.Model;
using Vigil.Reports.Common;

namespace Vigil.Reports.CycloneDx;

/// <summary>Turns a scan result into a CycloneDX 1.6 BOM with vulnerabilities (a BOM and a VDR in one document).</summary>
internal static class CycloneDxBuilder
{
    public const string SchemaUri = "http://cyclonedx.org/schema/bom-1.6.schema.json";
    private const string ImageRef = "image";

    public static CdxBom Build(ScanResult result)
    {
        var packages = ReportOrder.Packages(result.Packages);
        var refs = BomRefs(packages);
        var index = new PackageIndex(packages);

        var components = new List<CdxComponent>();
        if (result.Os is { } os)
        {
            components.Add(new CdxComponent(OsRef(os), "operating-system", os.Id, os.VersionId,
                Properties: Props(("vigil:os:codename", os.Codename), ("vigil:os:prettyName", os.PrettyName))));
        }
        components.AddRange(packages.Select(p => Component(p, refs[p])));

        var vulnerabilities = ReportOrder.Findings(result.Findings)
            .Select(f => (Finding: f, Ref: index.Find(f) is { } p ? refs[p] : null))
            .Where(x => x.Ref is not null)
            .Select(x => Vulnerability(x.Finding, x.Ref!))
            .ToList();

        return new CdxBom(
            SchemaUri, "CycloneDX", "1.6",
            "urn:uuid:" + StableIds.Uuid($"cyclonedx\n{StableIds.TargetKey(result.Target)}\n{result.ScannedAt:O}").ToString("D"),
            1,
            new CdxMetadata(
                result.ScannedAt,
                new CdxTools([new CdxComponent(null, "application", JsonNames.Scanner, result.ScannerVersion)]),
                ImageComponent(result.Target),
                Props(("vigil:verdict:outcome", result.Verdict.Outcome.ToText()),
                    ("vigil:verdict:exitCode", result.Verdict.ExitCode.ToString(CultureInfo.InvariantCulture)),
                    ("vigil:scan:incomplete", result.Warnings.Any(w => w.Incomplete) ? "true" : "false"))),
            components,
            [new CdxDependency(ImageRef, components.Select(c => c.BomRef!).ToList())],
            vulnerabilities);
    }

    private static CdxComponent ImageComponent(ImageInfo t)
    {
        var props = new List<(string, string?)>
        {
            ("vigil:image:reference", t.Reference),
            ("vigil:image:sourceKind", t.SourceKind),
            ("vigil:image:platform", t.Platform?.ToString()),
            ("vigil:image:manifestDigest", t.ManifestDigest?.ToString()),
            ("vigil:image:indexDigest", t.IndexDigest?.ToString()),
            ("vigil:image:configDigest", t.ConfigDigest?.ToString()),
        };
        props.AddRange(t.Layers.Select(l => ($"vigil:image:layer:{l.Index.ToString(CultureInfo.InvariantCulture)}:diffId", (string?)l.DiffId.ToString())));
        return new CdxComponent(
            ImageRef, "container", t.Name,
            t.ManifestDigest?.ToString(),
            Hashes: t.ManifestDigest is { } d ? [new CdxHash(HashAlg(d), d.Hex)] : null,
            Properties: Props([.. props]));
    }

    private static CdxComponent Component(Package p, string bomRef) => new(
        bomRef, "library", p.Name, p.Version, p.Purl,
        Licenses: p.Licenses.Count == 0 ? null : p.Licenses.Select(l => new CdxLicenseChoice(new CdxLicense(l))).ToList(),
        Properties: Props(
            ("vigil:package:type", p.Type),
            ("vigil:package:arch", p.Architecture),
            ("vigil:package:sourceName", p.SourceName),
            ("vigil:package:sourceVersion", p.SourceVersion),
            ("vigil:package:location", p.Location),
            ("vigil:package:cataloger", p.CatalogerId),
            ("vigil:layer:index", p.LayerIndex < 0 ? null : p.LayerIndex.ToString(CultureInfo.InvariantCulture)),
            ("vigil:layer:diffId", p.LayerDiffId)));

    private static CdxVulnerability Vulnerability(Finding f, string componentRef)
    {
        var link = VulnerabilityLinks.For(f.VulnerabilityId, f.Feed);
        var versions = new List<CdxAffectedVersion> { new(f.InstalledVersion, null, "affected") };
        if (VersRange.From(f.PackageType, f.AffectedRange) is { } range) versions.Add(new CdxAffectedVersion(null, range, "affected"));
        if (f.FixedVersion is { } fixedIn) versions.Add(new CdxAffectedVersion(fixedIn, null, "unaffected"));

        return new CdxVulnerability(
            $"{f.VulnerabilityId}|{componentRef}",
            f.VulnerabilityId,
            new CdxSource(f.Feed, VulnerabilityLinks.ForFeed(f.VulnerabilityId, f.Feed)),
            CdxRatings.For(f),
            f.Description,
            f.FixedVersion is { } v ? $"Upgrade {f.PackageName} to {v} or later." : null,
            new[] { VulnerabilityLinks.ForFeed(f.VulnerabilityId, f.Feed), link }.Distinct(StringComparer.Ordinal).Select(u => new CdxAdvisory(u)).ToList(),
            Analysis(f),
            [new CdxAffects(componentRef, versions)],
            Props(
                ("vigil:finding:status", f.Status.ToText()),
                ("vigil:finding:namespace", f.Namespace),
                ("vigil:finding:affectedRange", f.AffectedRange),
                ("vigil:finding:urgency", f.Urgency),
                ("vigil:finding:reason", f.Reason)),
            f.Aliases.Count == 0 ? null
                : ReportOrder.Strings(f.Aliases).Select(a => new CdxReference(a, new CdxSource(AliasSource(a), VulnerabilityLinks.For(a, f.Feed)))).ToList());
    }

    /// <summary>
    /// CycloneDX analysis records a decision about exploitability. Vigil only has one to record when the vendor
    /// has decided (won't fix) or when Vigil itself could not decide (indeterminate); otherwise it stays empty.
    /// </summary>
    private static CdxAnalysis? Analysis(Finding f) => f.Status switch
    {
        FindingStatus.WontFix => new CdxAnalysis("exploitable", ["will_not_fix"], f.Reason ?? "the vendor will not fix this"),
        FindingStatus.Indeterminate => new CdxAnalysis("in_triage", null, f.Reason ?? "Vigil could not decide whether the installed version is affected"),
        _ => null,
    };

    private static string AliasSource(string id) =>
        id.StartsWith("GHSA-", StringComparison.Ordinal) ? "github" : id.StartsWith("CVE-", StringComparison.Ordinal) ? "nvd" : "osv";

    /// <summary>purls identify packages; the rare duplicate (the same package recorded in two databases) gets its location appended.</summary>
    private static Dictionary<Package, string> BomRefs(IReadOnlyList<Package> packages)
    {
        var refs = new Dictionary<Package, string>(ReferenceEqualityComparer.Instance);
        var taken = new HashSet<string>(StringComparer.Ordinal) { ImageRef };
        foreach (var p in packages)
        {
            var candidate = p.Purl;
            for (var n = 2; !taken.Add(candidate); n++) candidate = $"{p.Purl}#{p.Location}" + (n > 2 ? $"-{n}" : "");
            refs[p] = candidate;
        }
        return refs;
    }

    private static string OsRef(Distro os) => $"os:{os.PurlLabel}";

    private static string HashAlg(Digest d) => d.Algorithm == "sha512" ? "SHA-512" : "SHA-256";

    private static IReadOnlyList<CdxProperty>? Props(params (string Name, string? Value)[] values)
    {
        var list = values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => new CdxProperty(v.Name, v.Value!)).ToList();
        return list.Count == 0 ? null : list;
    }
}
