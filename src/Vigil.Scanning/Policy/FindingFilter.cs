using Vigil.Core.Model;

namespace Vigil.Scanning;

/// <summary>docker scout's filters: --only-severity, --only-fixed, --only-unfixed, --only-package-type.</summary>
public sealed record FindingFilter(
    IReadOnlySet<Severity>? Severities = null,
    bool OnlyFixed = false,
    bool OnlyUnfixed = false,
    IReadOnlySet<string>? PackageTypes = null)
{
    public static FindingFilter None { get; } = new();

    public IEnumerable<Finding> Apply(IEnumerable<Finding> findings) => findings.Where(Accepts);

    public bool Accepts(Finding f)
    {
        if (Severities is { Count: > 0 } s && !s.Contains(f.Severity)) return false;
        // Indeterminate findings are kept by both fix filters: hiding them would read as "not vulnerable".
        if (OnlyFixed && f.Status is not (FindingStatus.Fixed or FindingStatus.Indeterminate)) return false;
        if (OnlyUnfixed && f.Status is FindingStatus.Fixed) return false;
        if (PackageTypes is { Count: > 0 } t && !t.Contains(f.PackageType)) return false;
        return true;
    }
}
