using Vigil.Core.Model;

namespace Vigil.Reports.CycloneDx;

internal static class CdxRatings
{
    /// <summary>
    /// Vigil's severity as one rating from its source; the CVSS score joins it when it rates the same, and otherwise
    /// stands as its own rating, so a vendor's "low" for a backported fix is not dressed up with NVD's 9.8.
    /// </summary>
    public static IReadOnlyList<CdxRating> For(Finding f)
    {
        var source = new CdxSource(f.SeveritySource);
        if (f.CvssScore is not { } score) return [new CdxRating(source, null, Severity(f.Severity), "other", null)];
        var method = Method(f.CvssVector);
        if (SeverityText.FromCvss(score) == f.Severity) return [new CdxRating(source, score, Severity(f.Severity), method, f.CvssVector)];
        return
        [
            new CdxRating(source, null, Severity(f.Severity), "other", null),
            new CdxRating(null, score, Severity(SeverityText.FromCvss(score)), method, f.CvssVector),
        ];
    }

    /// <summary>CycloneDX has no "negligible": "info" is its word for a finding worth knowing but not acting on.</summary>
    public static string Severity(Severity severity) => severity switch
    {
        Core.Model.Severity.Critical => "critical",
        Core.Model.Severity.High => "high",
        Core.Model.Severity.Medium => "medium",
        Core.Model.Severity.Low => "low",
        Core.Model.Severity.Negligible => "info",
        _ => "unknown",
    };

    private static string Method(string? vector) => vector switch
    {
        null => "other",
        _ when vector.StartsWith("CVSS:4.", StringComparison.Ordinal) => "CVSSv4",
        _ when vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal) => "CVSSv31",
        _ when vector.StartsWith("CVSS:3.", StringComparison.Ordinal) => "CVSSv3",
        _ when vector.StartsWith("AV:", StringComparison.Ordinal) || vector.StartsWith("(AV:", StringComparison.Ordinal) => "CVSSv2",
        _ => "other",
    };
}
