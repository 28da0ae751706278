namespace Vigil.Core.Model;

/// <summary>Everything a scan produced; report writers depend only on this.</summary>
public sealed record ScanResult(
    ImageInfo Target,
    Distro? Os,
    IReadOnlyList<Package> Packages,
    IReadOnlyList<Finding> Findings,
    DatabaseInfo? Database,
    Verdict Verdict,
    IReadOnlyList<ScanWarning> Warnings,
    DateTimeOffset ScannedAt,
    string ScannerVersion);

/// <summary>Something the scan could not do completely; any warning with Incomplete=true makes the scan incomplete.</summary>
public sealed record ScanWarning(string Code, string Message, bool Incomplete);

public enum Outcome
{
    Pass,
    PolicyFailed,
    Incomplete,
    Error,
}

/// <summary>The gate's answer and the process exit code it maps to.</summary>
public sealed record Verdict(Outcome Outcome, int ExitCode, IReadOnlyList<string> Reasons)
{
    public static class ExitCodes
    {
        public const int Pass = 0;
        public const int Error = 1;
        public const int PolicyFailed = 2;
        public const int Incomplete = 3;
    }
}
