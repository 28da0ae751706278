namespace Vigil.Reports.Json;

/// <summary>The top level of Vigil's JSON report; docs/json-format.md documents every field.</summary>
internal sealed record JsonReport(
    int SchemaVersion,
    JsonScanner Scanner,
    DateTimeOffset ScannedAt,
    JsonTarget Target,
    JsonOs? Os,
    JsonDatabase? Database,
    JsonVerdict Verdict,
    JsonSummary? Summary = null,
    IReadOnlyList<JsonWarning>? Warnings = null,
    IReadOnlyList<JsonPackage>? Packages = null,
    IReadOnlyList<JsonFinding>? Findings = null);

internal sealed record JsonScanner(string Name, string Version);

internal sealed record JsonOs(string Id, string? VersionId = null, string? Codename = null, string? PrettyName = null);

internal sealed record JsonVerdict(string Outcome, int ExitCode, IReadOnlyList<string>? Reasons = null);

internal sealed record JsonWarning(string Code, string Message, bool Incomplete);

/// <summary>Derived from findings and packages when written; ignored when read.</summary>
internal sealed record JsonSummary(int Packages, int Findings, int Fixable, JsonSeverityCounts Severities);

internal sealed record JsonSeverityCounts(int Critical, int High, int Medium, int Low, int Negligible, int Unknown);
