namespace Vigil.Ecosystems.Debian.Feed;

/// <summary>Debian codenames to the database namespaces the Debian matcher queries (<c>debian:&lt;VERSION_ID major&gt;</c>).</summary>
public static class DebianReleases
{
    public const string Unstable = "debian:unstable";

    private static readonly Dictionary<string, string> Majors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["woody"] = "3.0", ["sarge"] = "3.1", ["etch"] = "4", ["lenny"] = "5", ["squeeze"] = "6", ["wheezy"] = "7",
        ["jessie"] = "8", ["stretch"] = "9", ["buster"] = "10", ["bullseye"] = "11", ["bookworm"] = "12",
        ["trixie"] = "13", ["forky"] = "14", ["duke"] = "15",
    };

    /// <summary>
    /// Releases that inherit the unstable line when the lists give them no line of their own
    /// (the tracker's own rule: a release without an annotation is judged against the fix in unstable).
    /// Older releases are left out: the tracker stopped following them, and an inherited guess there is noise.
    /// </summary>
    public static IReadOnlyList<string> InheritingByDefault { get; } = ["jessie", "stretch", "buster", "bullseye", "bookworm", "trixie", "forky"];

    /// <summary>The namespace of a codename; sid (or an empty release: the unstable line) is <c>debian:unstable</c>.</summary>
    public static string Namespace(string? codename, IReadOnlyDictionary<string, string>? overrides = null)
    {
        if (string.IsNullOrEmpty(codename) || codename.Equals("sid", StringComparison.OrdinalIgnoreCase) || codename.Equals("unstable", StringComparison.OrdinalIgnoreCase))
            return Unstable;
        if (overrides is not null && overrides.TryGetValue(codename, out var fromFile) && !string.IsNullOrEmpty(fromFile)) return "debian:" + fromFile;
        return Majors.TryGetValue(codename, out var major) ? "debian:" + major : "debian:" + codename.ToLowerInvariant();
    }

    /// <summary>Tracker urgencies ("low**" marks an urgency not yet reviewed) as a severity; "not yet assigned" and empty mean none.</summary>
    public static Core.Model.Severity? Severity(string? urgency)
    {
        var word = (urgency ?? "").Replace("*", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
        return word switch
        {
            "unimportant" => Core.Model.Severity.Negligible,
            "low" => Core.Model.Severity.Low,
            "medium" => Core.Model.Severity.Medium,
            "high" => Core.Model.Severity.High,
            _ => null,
        };
    }

    public static bool IsUrgencyWord(string word) => Severity(word) is not null;
}
