using Vigil.Core.Model;

namespace Vigil.Cli.Commands;

public sealed class QuickviewCommand : ImageCommand<VulnerabilitySettings>
{
    protected override string DefaultFormat => "quickview";
}

public sealed class CvesCommand : ImageCommand<VulnerabilitySettings>
{
    protected override string DefaultFormat => "text";
}

public sealed class SbomCommand : ImageCommand<ImageSettings>
{
    protected override string DefaultFormat => "table";

    protected override bool Matches => false;
}

/// <summary>The gate. Fails on high or worse unless told otherwise.</summary>
public sealed class ScanCommand : ImageCommand<VulnerabilitySettings>
{
    protected override string DefaultFormat => "text";

    protected override Severity? DefaultFailOn => Severity.High;
}
