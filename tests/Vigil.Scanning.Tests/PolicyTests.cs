using Vigil.Core.Model;
using Xunit;

namespace Vigil.Scanning.Tests;

public sealed class PolicyTests
{
    private static Finding F(Severity s, FindingStatus status = FindingStatus.Fixed, string type = "deb") =>
        new("CVE-2024-0001", "pkg", type, "pkg:deb/debian/pkg@1", "1", status == FindingStatus.Fixed ? "2" : null, "< 2", s, "debian", status,
            "debian", "debian:12", null, null, null, [], null, null);

    private static readonly ScanWarning Incomplete = new("no-os-packages", "0 packages", Incomplete: true);

    [Fact]
    public void Passes_without_findings_at_the_threshold()
    {
        var v = new Policy(Severity.High).Evaluate([F(Severity.Medium)], []);
        Assert.Equal((Outcome.Pass, 0), (v.Outcome, v.ExitCode));
    }

    [Fact]
    public void Fails_at_or_above_the_threshold()
    {
        var v = new Policy(Severity.High).Evaluate([F(Severity.High), F(Severity.Critical), F(Severity.Low)], []);
        Assert.Equal((Outcome.PolicyFailed, 2), (v.Outcome, v.ExitCode));
        Assert.Contains("2 vulnerabilities at or above high: 1 critical, 1 high", v.Reasons);
    }

    [Fact]
    public void Without_a_threshold_findings_never_fail()
    {
        Assert.Equal(Outcome.Pass, Policy.Default.Evaluate([F(Severity.Critical)], []).Outcome);
    }

    [Fact]
    public void An_incomplete_scan_is_never_a_pass()
    {
        var v = new Policy(Severity.High).Evaluate([], [Incomplete]);
        Assert.Equal((Outcome.Incomplete, 3), (v.Outcome, v.ExitCode));
        Assert.Equal((Outcome.Incomplete, 3), (Policy.Default.Evaluate([], [Incomplete]).Outcome, Policy.Default.Evaluate([], [Incomplete]).ExitCode));
    }

    [Fact]
    public void A_policy_failure_outranks_incompleteness()
    {
        Assert.Equal(Outcome.PolicyFailed, new Policy(Severity.High).Evaluate([F(Severity.Critical)], [Incomplete]).Outcome);
    }

    [Fact]
    public void An_indeterminate_finding_at_the_threshold_makes_the_scan_incomplete()
    {
        var v = new Policy(Severity.High).Evaluate([F(Severity.Critical, FindingStatus.Indeterminate)], []);
        Assert.Equal(Outcome.Incomplete, v.Outcome);
    }

    [Fact]
    public void Filters_keep_indeterminate_findings_visible()
    {
        var onlyFixed = new FindingFilter(OnlyFixed: true);
        Assert.True(onlyFixed.Accepts(F(Severity.Low, FindingStatus.Indeterminate)));
        Assert.False(onlyFixed.Accepts(F(Severity.Low, FindingStatus.NotFixed)));
        Assert.False(new FindingFilter(OnlyUnfixed: true).Accepts(F(Severity.Low)));
        Assert.False(new FindingFilter(PackageTypes: new HashSet<string> { "apk" }).Accepts(F(Severity.Low)));
        Assert.True(new FindingFilter(Severities: new HashSet<Severity> { Severity.Low }).Accepts(F(Severity.Low)));
    }
}
