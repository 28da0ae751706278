namespace Vigil.Reports.Json;

/// <summary>The top level of Vigil's JSON report; docs/json-format.md documents every field.</summary>
public sealed record JsonReport(
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

public sealed record JsonScanner(string Name, string Version);

public sealed record JsonOs(string Id, string? VersionId = null, string? Codename = null, string? PrettyName = null);

public sealed record JsonVerdict(string Outcome, int ExitCode, IReadOnlyList<string>? Reasons = null);

public sealed record JsonWarning(string Code, string Message, bool Incomplete);

/// <summary>Derived from findings and packages when written; ignored when read.</summary>
public sealed record JsonSummary(int Packages, int Findings, int Fixable, JsonSeverityCounts Severities);

public sealed record JsonSeverityCounts(int Critical, int High, int Medium, int Low, int Negligible, int Unknown);
