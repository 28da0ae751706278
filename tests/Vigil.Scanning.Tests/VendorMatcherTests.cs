using Vigil.Core.Model;
using Vigil.Ecosystems.Alpine;
using Vigil.Ecosystems.Debian;
using Xunit;

namespace Vigil.Scanning.Tests;

/// <summary>Debian and Alpine matching against a real database built from the sample feeds.</summary>
public sealed class VendorMatcherTests(SampleDatabaseFixture fixture) : IClassFixture<SampleDatabaseFixture>
{
    private static readonly Distro Bookworm = new("debian", "12", "bookworm", null);
    private static readonly Distro Alpine318 = new("alpine", "3.18.4", null, null);

    private static Package Deb(string name, string version, string? source = null, string? sourceVersion = null) =>
        new(name, version, PackageTypes.Deb, $"pkg:deb/debian/{name}@{version}", source ?? name, sourceVersion ?? version, "amd64", [], "var/lib/dpkg/status", "dpkg", 0, null);

    private static Package Apk(string name, string version, string origin) =>
        new(name, version, PackageTypes.Apk, $"pkg:apk/alpine/{name}@{version}", origin, version, "x86_64", [], "lib/apk/db/installed", "apk", 0, null);

    private async Task<List<Finding>> MatchAsync(Package p, Distro d, Core.Seams.IMatcher matcher)
    {
        var list = new List<Finding>();
        await foreach (var f in matcher.MatchAsync(p, d, fixture.Db, TestContext.Current.CancellationToken)) list.Add(f);
        return list;
    }

    [Fact]
    public async Task Debian_matches_by_source_package_and_compares_the_source_version()
    {
        var findings = await MatchAsync(Deb("libc6", "2.36-9+deb12u1", "glibc"), Bookworm, new DebianMatcher());

        var looney = Assert.Single(findings, f => f.VulnerabilityId == "CVE-2023-4911");
        Assert.Equal(FindingStatus.Fixed, looney.Status);
        Assert.Equal("2.36-9+deb12u3", looney.FixedVersion);
        Assert.Equal("< 2.36-9+deb12u3", looney.AffectedRange);
        // The tracker says "not yet assigned": NVD's CVSS decides.
        Assert.Equal((Severity.High, "nvd", 7.8), (looney.Severity, looney.SeveritySource, looney.CvssScore));
        Assert.Equal("libc6", looney.PackageName);
        Assert.Contains(findings, f => f.VulnerabilityId == "CVE-2024-2961" && f.Severity == Severity.Unknown);
    }

    [Fact]
    public async Task A_fixed_package_has_no_finding()
    {
        Assert.Empty(await MatchAsync(Deb("libc6", "2.36-9+deb12u7", "glibc"), Bookworm, new DebianMatcher()));
    }

    [Fact]
    public async Task Debian_states_map_to_statuses_and_severities()
    {
        var coreutils = Assert.Single(await MatchAsync(Deb("coreutils", "9.1-1"), Bookworm, new DebianMatcher()));
        Assert.Equal((FindingStatus.WontFix, Severity.Low), (coreutils.Status, coreutils.Severity));

        var apt = Assert.Single(await MatchAsync(Deb("apt", "2.6.1"), Bookworm, new DebianMatcher()));
        Assert.Equal((FindingStatus.NotFixed, Severity.Negligible, ">= 0"), (apt.Status, apt.Severity, apt.AffectedRange));

        var openssl = Assert.Single(await MatchAsync(Deb("libssl3", "3.0.11-1~deb12u2", "openssl"), Bookworm, new DebianMatcher()));
        Assert.Equal(FindingStatus.NotFixed, openssl.Status);
        Assert.Contains("Minor issue", openssl.Reason, StringComparison.Ordinal);

        // fixed_version 0: bookworm never shipped the vulnerable code.
        Assert.Empty(await MatchAsync(Deb("liblzma5", "5.4.1-0.2", "xz-utils"), Bookworm, new DebianMatcher()));
    }

    [Fact]
    public async Task An_unparsable_installed_version_is_indeterminate_never_silent()
    {
        var f = Assert.Single(await MatchAsync(Deb("apt", "not a version!"), Bookworm, new DebianMatcher()));
        Assert.Equal(FindingStatus.Indeterminate, f.Status);
        Assert.Contains("not a valid deb version", f.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_release_gets_nothing_from_bookworm_data()
    {
        Assert.Empty(await MatchAsync(Deb("libc6", "2.31-13", "glibc"), new Distro("debian", "11", "bullseye", null), new DebianMatcher()));
    }

    [Fact]
    public async Task Alpine_matches_by_origin_in_the_image_branch()
    {
        var findings = await MatchAsync(Apk("libcrypto3", "3.1.3-r0", "openssl"), Alpine318, new AlpineMatcher());
        Assert.Equal(["CVE-2023-5363", "CVE-2023-5678", "CVE-2023-6129", "CVE-2023-6237"], findings.Select(f => f.VulnerabilityId).Order().ToArray());
        Assert.All(findings, f => Assert.Equal(FindingStatus.Fixed, f.Status));

        // 1.36.1-r2 is past the 1.36.1-r1 fix of CVE-2022-48174, not past r6 and r7.
        var busybox = await MatchAsync(Apk("busybox", "1.36.1-r2", "busybox"), Alpine318, new AlpineMatcher());
        Assert.Equal(["CVE-2023-42363", "CVE-2023-42364", "CVE-2023-42365", "CVE-2023-42366"], busybox.Select(f => f.VulnerabilityId).Order().ToArray());

        // secfixes "0": zlib was never affected in this branch.
        Assert.Empty(await MatchAsync(Apk("zlib", "1.2.13-r1", "zlib"), Alpine318, new AlpineMatcher()));
    }
}
