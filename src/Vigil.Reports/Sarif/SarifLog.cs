using System.Text.Json.Serialization;

namespace Vigil.Reports.Sarif;

// The subset of SARIF 2.1.0 that Vigil writes; names follow the specification's property names.

internal sealed record SarifLog(
    [property: JsonPropertyName("$schema")] string Schema,
    string Version,
    IReadOnlyList<SarifRun> Runs);

internal sealed record SarifRun(
    SarifTool Tool,
    SarifAutomationDetails AutomationDetails,
    IReadOnlyList<SarifInvocation> Invocations,
    IReadOnlyList<SarifResult> Results,
    SarifRunProperties Properties);

internal sealed record SarifTool(SarifDriver Driver);

internal sealed record SarifAutomationDetails(string Id);

internal sealed record SarifDriver(
    string Name,
    string Version,
    IReadOnlyList<SarifRule> Rules);

internal sealed record SarifRule(
    string Id,
    string Name,
    SarifText ShortDescription,
    SarifText FullDescription,
    string HelpUri,
    SarifMultiformatText Help,
    SarifRuleConfiguration DefaultConfiguration,
    SarifRuleProperties Properties);

internal sealed record SarifRuleConfiguration(string Level);

internal sealed record SarifRuleProperties(
    [property: JsonPropertyName("security-severity")] string SecuritySeverity,
    IReadOnlyList<string> Tags,
    string Precision);

internal sealed record SarifText(string Text);

internal sealed record SarifMultiformatText(string Text, string Markdown);

internal sealed record SarifInvocation(
    bool ExecutionSuccessful,
    DateTimeOffset EndTimeUtc,
    int ExitCode,
    IReadOnlyList<SarifNotification> ToolExecutionNotifications);

internal sealed record SarifNotification(string Level, SarifText Message, SarifNotificationDescriptor Descriptor);

internal sealed record SarifNotificationDescriptor(string Id);

internal sealed record SarifResult(
    string RuleId,
    int RuleIndex,
    string Level,
    SarifText Message,
    IReadOnlyList<SarifLocation> Locations,
    IReadOnlyDictionary<string, string> PartialFingerprints,
    SarifResultProperties Properties);

internal sealed record SarifLocation(SarifPhysicalLocation PhysicalLocation, IReadOnlyList<SarifLogicalLocation> LogicalLocations);

internal sealed record SarifPhysicalLocation(SarifArtifactLocation ArtifactLocation, SarifRegion Region);

internal sealed record SarifArtifactLocation(string Uri);

internal sealed record SarifRegion(int StartLine, int StartColumn, int EndLine, int EndColumn);

internal sealed record SarifLogicalLocation(string Name, string FullyQualifiedName, string Kind);

internal sealed record SarifResultProperties(
    string Severity,
    string Status,
    string PackageName,
    string PackageType,
    string Purl,
    string InstalledVersion,
    string? FixedVersion,
    string AffectedRange,
    string Feed,
    string SeveritySource,
    double? CvssScore,
    string? CvssVector,
    int? LayerIndex,
    string? LayerDiffId,
    string? Reason);

internal sealed record SarifRunProperties(
    string ImageName,
    string ImageReference,
    string? ImageDigest,
    string? Platform,
    string? Os,
    string Outcome,
    int ExitCode);
