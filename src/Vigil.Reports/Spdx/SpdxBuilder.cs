using System.Globalization;
using System.Text;
using Vigil.Core.Model;
using Vigil.Reports.Common;

namespace Vigil.Reports.Spdx;

/// <summary>Turns a scan result into an SPDX 2.3 document: the image as the described package, containing the packages found.</summary>
internal static class SpdxBuilder
{
    private const string DocumentId = "SPDXRef-DOCUMENT";
    private const string ImageId = "SPDXRef-Image";
    private const string OsId = "SPDXRef-OperatingSystem";
    private const string NoAssertion = SpdxLicenses.NoAssertion;

    public static SpdxDocument Build(ScanResult result)
    {
        var target = result.Target;
        var packages = new List<SpdxPackage> { ImagePackage(target) };
        var relationships = new List<SpdxRelationship> { new(DocumentId, "DESCRIBES", ImageId) };
        if (result.Os is { } os)
        {
            packages.Add(new SpdxPackage(OsId, os.Id, os.VersionId, NoAssertion, false, NoAssertion, NoAssertion, NoAssertion,
                "OPERATING-SYSTEM", Comment: os.PrettyName));
            relationships.Add(new SpdxRelationship(ImageId, "CONTAINS", OsId));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal) { DocumentId, ImageId, OsId };
        foreach (var p in ReportOrder.Packages(result.Packages))
        {
            var id = PackageId(p, ids);
            packages.Add(Package(p, id));
            relationships.Add(new SpdxRelationship(ImageId, "CONTAINS", id));
        }

        return new SpdxDocument(
            "SPDX-2.3", "CC0-1.0", DocumentId,
            target.Name,
            Namespace(result),
            new SpdxCreationInfo(
                result.ScannedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                [$"Tool: {JsonNames.Scanner}-{result.ScannerVersion}"]),
            packages,
            relationships,
            result.Warnings.Any(w => w.Incomplete)
                ? "The scan was incomplete: " + string.Join("; ", result.Warnings.Where(w => w.Incomplete).Select(w => w.Message))
                : null);
    }

    /// <summary>
    /// A URI that is the same whenever the same image is described, derived from its manifest digest. A root
    /// filesystem has none, so its name and package list stand in: two different trees both called "rootfs" must not
    /// share a namespace. The urn scheme claims no host Vigil does not own.
    /// </summary>
    private static string Namespace(ScanResult result) => result.Target.ManifestDigest is { } d
        ? $"urn:vigil:spdx:image:{d.Algorithm}:{d.Hex}"
        : $"urn:vigil:spdx:rootfs:sha256:{StableIds.Hex(result.Target.Name + "\n" + string.Join('\n', ReportOrder.Packages(result.Packages).Select(p => p.Purl)))}";

    private static SpdxPackage ImagePackage(ImageInfo t) => new(
        ImageId, t.Name, t.ManifestDigest?.ToString(), NoAssertion, false, NoAssertion, NoAssertion, NoAssertion,
        "CONTAINER",
        Checksums: t.ManifestDigest is { } d ? [new SpdxChecksum(d.Algorithm == "sha512" ? "SHA512" : "SHA256", d.Hex)] : null,
        Comment: Describe(t));

    private static SpdxPackage Package(Package p, string id)
    {
        var source = new StringBuilder().Append(CultureInfo.InvariantCulture, $"acquired package info from {p.CatalogerId} at {p.Location}");
        if (p.LayerIndex >= 0) source.Append(CultureInfo.InvariantCulture, $", layer {p.LayerIndex}");
        if (p.LayerDiffId is { } diffId) source.Append(CultureInfo.InvariantCulture, $" ({diffId})");
        if (!string.Equals(p.SourceName, p.Name, StringComparison.Ordinal) || !string.Equals(p.SourceVersion, p.Version, StringComparison.Ordinal))
            source.Append(CultureInfo.InvariantCulture, $"; source package {p.SourceName} {p.SourceVersion}");
        return new SpdxPackage(
            id, p.Name, p.Version, NoAssertion, false, NoAssertion, SpdxLicenses.Declared(p.Licenses), NoAssertion,
            "LIBRARY",
            SourceInfo: source.ToString(),
            ExternalRefs: [new SpdxExternalRef("PACKAGE-MANAGER", "purl", p.Purl)]);
    }

    private static string Describe(ImageInfo t)
    {
        var parts = new List<string> { $"reference {t.Reference}", $"source {t.SourceKind}" };
        if (t.Platform is { } platform) parts.Add($"platform {platform}");
        if (t.IndexDigest is { } index) parts.Add($"index {index}");
        if (t.ConfigDigest is { } config) parts.Add($"config {config}");
        return "Container image: " + string.Join(", ", parts);
    }

    /// <summary>SPDX ids allow letters, digits, '.' and '-'; a short hash of purl and location keeps them unique and stable.</summary>
    private static string PackageId(Package p, HashSet<string> taken)
    {
        var readable = new string([.. $"{p.Type}-{p.Name}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]);
        var id = $"SPDXRef-Package-{readable}-{StableIds.Hex(p.Purl + "\n" + p.Location, 16)}";
        for (var n = 2; !taken.Add(id); n++) id = $"SPDXRef-Package-{readable}-{StableIds.Hex(p.Purl + "\n" + p.Location, 16)}-{n}";
        return id;
    }
}
