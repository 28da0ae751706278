using Vigil.Core.Model;

namespace Vigil.Scanning;

/// <summary>The gate: which findings fail the scan. Defaults serve the CLI and the server alike.</summary>
/// <param name="FailOn">Fail when a shown finding has this severity or worse; null never fails on findings.</param>
/// <param name="OnlyFixed">The gate counts only findings that have a fix.</param>
/// <param name="Filter">Which findings are shown (and so gated): severities, fix state, package types.</param>
public sealed record Policy(Severity? FailOn = null, bool OnlyFixed = false, FindingFilter? Filter = null)
{
    public static Policy Default { get; } = new();

    public FindingFilter EffectiveFilter => Filter ?? FindingFilter.None;

    /// <summary>
    /// Policy failure wins over incompleteness (what was found already fails), and incompleteness over a pass:
    /// an incomplete scan is never reported clean. An indeterminate finding at the threshold makes the scan incomplete.
    /// </summary>
    public Verdict Evaluate(IReadOnlyList<Finding> shownFindings, IReadOnlyList<ScanWarning> warnings)
    {
        var reasons = new List<string>();
        if (FailOn is { } threshold)
        {
            var failing = shownFindings
                .Where(f => f.Status != FindingStatus.Indeterminate && f.Severity >= threshold && (!OnlyFixed || f.IsFixable))
                .ToList();
            if (failing.Count > 0)
            {
                var counts = failing.GroupBy(f => f.Severity).OrderByDescending(g => g.Key)
                    .Select(g => $"{g.Count()} {g.Key.ToText()}");
                reasons.Add($"{failing.Count} vulnerabilit{(failing.Count == 1 ? "y" : "ies")} at or above {threshold.ToText()}{(OnlyFixed ? " with a fix" : "")}: {string.Join(", ", counts)}");
                return new Verdict(Outcome.PolicyFailed, Verdict.ExitCodes.PolicyFailed, reasons);
            }
            var undecided = shownFindings.Where(f => f.Status == FindingStatus.Indeterminate && f.Severity >= threshold).ToList();
            if (undecided.Count > 0)
                reasons.Add($"{undecided.Count} finding(s) at or above {threshold.ToText()} could not be decided (a version did not parse)");
        }
        reasons.AddRange(warnings.Where(w => w.Incomplete).Select(w => w.Message));
        if (reasons.Count > 0) return new Verdict(Outcome.Incomplete, Verdict.ExitCodes.Incomplete, reasons);
        return new Verdict(Outcome.Pass, Verdict.ExitCodes.Pass,
            FailOn is { } t ? [$"no vulnerability at or above {t.ToText()}"] : []);
    }
}
