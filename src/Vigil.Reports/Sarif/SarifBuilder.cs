using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Model;
using Vigil.Reports.Common;

namespace Vigil.Reports.Sarif;

/// <summary>Turns a scan result into a SARIF log shaped for GitHub code scanning.</summary>
internal static class SarifBuilder
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string FingerprintKey = "vigilFinding/v1";

    public static SarifLog Build(ScanResult result)
    {
        var findings = ReportOrder.Findings(result.Findings);
        var packages = new PackageIndex(result.Packages);
        var rules = findings
            .GroupBy(f => f.VulnerabilityId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Rule(g.Key, ReportOrder.Findings(g)))
            .ToList();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var image = ImageLocation(result.Target);

        var run = new SarifRun(
            new SarifTool(new SarifDriver(JsonNames.Scanner, result.ScannerVersion, rules)),
            new SarifAutomationDetails(Category(result.Target)),
            [Invocation(result)],
            findings.Select(f => Result(f, ruleIndex[f.VulnerabilityId], packages.Find(f), image)).ToList(),
            new SarifRunProperties(result.Target.Name, result.Target.Reference, result.Target.ManifestDigest?.ToString(),
                result.Target.Platform?.ToString(), result.Os?.ToString(), result.Verdict.Outcome.ToText(), result.Verdict.ExitCode));
        return new SarifLog(SchemaUri, "2.1.0", [run]);
    }

    /// <summary>One rule per vulnerability id; where packages disagree on severity the worst one speaks for the rule.</summary>
    private static SarifRule Rule(string id, IReadOnlyList<Finding> findings)
    {
        var worst = findings[0];
        var description = findings.Select(f => f.Description).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
        var link = VulnerabilityLinks.For(id, worst.Feed);
        var cvss = findings.FirstOrDefault(f => f.CvssScore is not null);

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Vulnerability {id}\n")
            .Append(CultureInfo.InvariantCulture, $"Severity: {worst.Severity.ToText()} (source: {worst.SeveritySource})\n");
        var md = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"**Vulnerability {Md(id)}**\n\n")
            .Append(CultureInfo.InvariantCulture, $"Severity: **{worst.Severity.ToText()}** (source: {Md(worst.SeveritySource)})");
        if (cvss is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"CVSS: {ReportFacts.Cvss(cvss.CvssScore)} {cvss.CvssVector}\n");
            md.Append(CultureInfo.InvariantCulture, $", CVSS {ReportFacts.Cvss(cvss.CvssScore)} `{cvss.CvssVector}`");
        }
        md.Append("\n\n| Package | Installed | Fixed | Status |\n| --- | --- | --- | --- |\n");
        foreach (var f in findings.OrderBy(f => f.PackageName, StringComparer.Ordinal).ThenBy(f => f.InstalledVersion, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"Package: {f.PackageName} {f.InstalledVersion}, fixed in {f.FixedVersion ?? "(no fix)"}, {f.Status.ToText()}\n");
            md.Append(CultureInfo.InvariantCulture, $"| {Md(f.PackageName)} | {Md(f.InstalledVersion)} | {Md(f.FixedVersion ?? "no fix")} | {f.Status.ToText()} |\n");
        }
        if (description is not null)
        {
            text.Append('\n').Append(description).Append('\n');
            md.Append('\n').Append(Md(description)).Append('\n');
        }
        text.Append(CultureInfo.InvariantCulture, $"\n{link}");
        md.Append(CultureInfo.InvariantCulture, $"\n[{Md(id)}]({link})");

        return new SarifRule(
            id,
            RuleName(id),
            new SarifText(Summary(id, description)),
            new SarifText(description ?? id),
            link,
            new SarifMultiformatText(text.ToString(), md.ToString()),
            new SarifRuleConfiguration(SarifSeverity.Level(worst.Severity)),
            new SarifRuleProperties(
                SarifSeverity.Score(worst.Severity, worst.CvssScore),
                ["vulnerability", "security", worst.Severity.ToText()],
                "very-high"));
    }

    private static SarifResult Result(Finding f, int ruleIndex, Package? package, SarifLogicalLocation image)
    {
        var location = package?.Location is { Length: > 0 } l ? l : "unknown-location";
        var fix = $"Fixed version: {f.FixedVersion ?? "none"}";
        var reason = f.Reason is { Length: > 0 } r ? $" ({r})" : "";
        var message =
            $"Package: {f.PackageName}\nInstalled version: {f.InstalledVersion}\nVulnerability: {f.VulnerabilityId}\n" +
            $"Severity: {f.Severity.ToText()}\nStatus: {f.Status.ToText()}{reason}\n{fix}\nImage: {image.FullyQualifiedName}";
        return new SarifResult(
            f.VulnerabilityId,
            ruleIndex,
            SarifSeverity.Level(f.Severity),
            new SarifText(message),
            [new SarifLocation(new SarifPhysicalLocation(new SarifArtifactLocation(location), new SarifRegion(1, 1, 1, 1)), [image])],
            new Dictionary<string, string> { [FingerprintKey] = Fingerprint(f, location) },
            new SarifResultProperties(f.Severity.ToText(), f.Status.ToText(), f.PackageName, f.PackageType, f.PackagePurl,
                f.InstalledVersion, f.FixedVersion, f.AffectedRange, f.Feed, f.SeveritySource, f.CvssScore, f.CvssVector,
                f.LayerIndex < 0 ? null : f.LayerIndex, f.LayerDiffId, f.Reason));
    }

    /// <summary>
    /// What makes an alert the same alert across scans: the vulnerability, the package (without its version, so an
    /// upgrade that does not fix it keeps the alert open rather than closing and reopening it) and where it lives.
    /// </summary>
    private static string Fingerprint(Finding f, string location)
    {
        var key = string.Join('\n', f.VulnerabilityId, f.PackageType, f.PackageName, f.Namespace, location);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    private static SarifLogicalLocation ImageLocation(ImageInfo target) => new(
        target.Name,
        target.ManifestDigest is { } d ? $"{target.Name}@{d}" : target.Name,
        "module");

    private static SarifInvocation Invocation(ScanResult result) => new(
        result.Verdict.Outcome != Outcome.Error,
        result.ScannedAt,
        result.Verdict.ExitCode,
        result.Warnings.Select(w => new SarifNotification(
            w.Incomplete ? "error" : "warning",
            new SarifText(w.Incomplete ? $"{w.Message} (scan incomplete)" : w.Message),
            new SarifNotificationDescriptor(w.Code))).ToList());

    /// <summary>
    /// GitHub keeps one analysis per tool and category: the image repository (without tag or digest) as the category
    /// lets several images in one repository keep their own alerts, while a new tag of the same image replaces the old.
    /// The trailing slash marks it as a category with no run id.
    /// </summary>
    private static string Category(ImageInfo target)
    {
        var name = target.Name;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) name = name[..at];
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/')) name = name[..colon];
        return $"{JsonNames.Scanner}/{name}/";
    }

    /// <summary>A rule name is an identifier in SARIF: letters and digits only.</summary>
    private static string RuleName(string id) =>
        new([.. id.Where(char.IsAsciiLetterOrDigit)]);

    private static string Summary(string id, string? description)
    {
        if (string.IsNullOrWhiteSpace(description)) return id;
        var firstLine = description.Split('\n')[0].Trim();
        var sentence = firstLine.IndexOf(". ", StringComparison.Ordinal);
        if (sentence > 0) firstLine = firstLine[..(sentence + 1)];
        return firstLine.Length <= 160 ? firstLine : firstLine[..157] + "...";
    }

    private static string Md(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
