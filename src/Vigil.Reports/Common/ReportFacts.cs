using System.Globalization;
using Vigil.Core.Model;

namespace Vigil.Reports.Common;

/// <summary>Phrases the human-readable formats share, so text, quickview and table say things the same way.</summary>
internal static class ReportFacts
{
    /// <summary>
    /// The database's build time and age. The age is measured against the scan time, not the clock,
    /// so rendering a stored result later still says how stale the data was when it was used.
    /// </summary>
    public static string DatabaseAge(ScanResult result)
    {
        if (result.Database is not { } db) return "none";
        if (db.BuiltAt is not { } built) return "build time unknown";
        var age = result.ScannedAt - built;
        var when = built.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return $"built {when}, {Age(age)} before the scan";
    }

    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero) return "0 minutes";
        if (age.TotalDays >= 2) return Plural((int)age.TotalDays, "day");
        if (age.TotalHours >= 1) return Plural((int)age.TotalHours, "hour");
        return Plural((int)age.TotalMinutes, "minute");
    }

    public static string Plural(int count, string noun) => Count(count, noun, noun + "s");

    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

    public static string Os(ScanResult result) => result.Os?.ToString() ?? "none detected";

    public static string Digest(ImageInfo target) => target.ManifestDigest?.ToString() ?? "none (not from a manifest)";

    public static string Platform(ImageInfo target) => target.Platform?.ToString() ?? "unknown";

    public static string Layer(int index) =>
        index < 0 ? "layer unknown" : "layer " + index.ToString(CultureInfo.InvariantCulture);

    public static string Cvss(double? score) =>
        score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    public static string Verdict(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "PASS",
        Outcome.PolicyFailed => "POLICY FAILED",
        Outcome.Incomplete => "INCOMPLETE",
        _ => "ERROR",
    };

    public static string VerdictColor(Outcome outcome) => outcome switch
    {
        Outcome.Pass => "bold green",
        Outcome.PolicyFailed => "bold red",
        _ => "bold darkorange",
    };
}
