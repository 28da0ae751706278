using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Ecosystems.Osv.Feed;
using Vigil.TestKit;
using Xunit;

namespace Vigil.Ecosystems.Tests.Feeds;

public sealed class OsvParserTests
{
    private static void AssertMatchesJson(Advisory advisory, JsonElement record)
    {
        Assert.Equal(record.GetProperty("id").GetString(), advisory.Id);
        Assert.Equal("osv", advisory.Feed);
        if (record.TryGetProperty("aliases", out var aliases))
            Assert.All(aliases.EnumerateArray(), a => Assert.Contains(a.GetString(), advisory.Aliases));
        var affected = record.TryGetProperty("affected", out var aff) ? aff.EnumerateArray().ToList() : [];
        Assert.Equal(affected.Count, advisory.Affected.Count);
        for (var i = 0; i < affected.Count; i++)
        {
            var a = affected[i];
            var p = advisory.Affected[i];
            Assert.Equal("osv:" + a.GetProperty("package").GetProperty("ecosystem").GetString(), p.Namespace);
            Assert.Equal(a.GetProperty("package").GetProperty("name").GetString(), p.Package);
            var events = a.TryGetProperty("ranges", out var ranges)
                ? ranges.EnumerateArray().SelectMany(r => r.GetProperty("events").EnumerateArray()).ToList() : [];
            Assert.Equal(events.Count, p.Ranges.Sum(r => r.Events.Count));
            var firstFixed = a.TryGetProperty("ranges", out var rs)
                ? rs.EnumerateArray().Where(r => r.GetProperty("type").GetString() != "GIT").SelectMany(r => r.GetProperty("events").EnumerateArray())
                    .Select(e => e.TryGetProperty("fixed", out var f) ? f.GetString() : null).FirstOrDefault(f => f is not null) : null;
            Assert.Equal(firstFixed, p.FixedVersion);
            var versions = a.TryGetProperty("versions", out var vs) ? vs.EnumerateArray().Select(v => v.GetString()!).ToList() : [];
            Assert.Equal(versions, p.Versions);
        }
    }

    [Fact]
    public async Task A_sample_of_the_go_database_reads_as_each_file_says()
    {
        var dir = SharedData.Require("testdata/advisories/osv-go/osv");
        var files = Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).Where((_, i) => i % 40 == 0).ToList();
        var parser = new OsvParser();
        foreach (var file in files)
        {
            var parsed = await FeedInputs.ParseAllAsync(parser, file);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (doc.RootElement.TryGetProperty("withdrawn", out _))
            {
                Assert.Empty(parsed);
                continue;
            }
            var advisory = Assert.Single(parsed);
            AssertMatchesJson(advisory, doc.RootElement);
            Assert.All(advisory.Affected, p => Assert.Equal("go", p.Scheme));
        }
    }

    [Fact]
    public async Task The_whole_crates_directory_imports_every_file_and_scores_cvss_v3()
    {
        var dir = SharedData.Require("testdata/advisories/osv-crates/osv");
        var advisories = (await FeedInputs.ParseAllAsync(new OsvParser(), dir)).ToDictionary(a => a.Id);
        var files = Directory.GetFiles(dir, "*.json");
        var withdrawn = 0;
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (doc.RootElement.TryGetProperty("withdrawn", out _))
            {
                withdrawn++;
                Assert.False(advisories.ContainsKey(doc.RootElement.GetProperty("id").GetString()!));
                continue;
            }
            AssertMatchesJson(advisories[doc.RootElement.GetProperty("id").GetString()!], doc.RootElement);
        }
        Assert.Equal(files.Length - withdrawn, advisories.Count);
        var openssl = advisories["RUSTSEC-2016-0001"];
        var cvss = Assert.Single(openssl.Cvss);
        Assert.Equal(("3.0", "CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1), (cvss.Version, cvss.Vector, cvss.BaseScore));
        Assert.All(openssl.Affected, p => Assert.Equal(("osv:crates.io", "semver"), (p.Namespace, p.Scheme)));
    }

    [Fact]
    public async Task The_pypi_yaml_form_reads_like_json()
    {
        var root = SharedData.Require("testdata/advisories/osv-pypi/vulns");
        var files = Directory.GetFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Where((_, i) => i % 50 == 0).ToList();
        var parser = new OsvParser();
        foreach (var file in files)
        {
            Assert.True(parser.Recognizes(FeedInputs.For(file)));
            var advisory = Assert.Single(await FeedInputs.ParseAllAsync(parser, file));
            var text = File.ReadAllText(file);
            Assert.Contains("id: " + advisory.Id, text, StringComparison.Ordinal);
            Assert.All(advisory.Affected, p => Assert.Equal(("osv:PyPI", "pep440"), (p.Namespace, p.Scheme)));
            // Every listed version and every event value appears in the file as written.
            Assert.All(advisory.Affected.SelectMany(p => p.Versions), v => Assert.Contains(v, text, StringComparison.Ordinal));
            Assert.All(advisory.Affected.SelectMany(p => p.Ranges).SelectMany(r => r.Events).Select(e => e.Introduced ?? e.Fixed ?? e.LastAffected ?? e.Limit),
                v => Assert.Contains(v!, text, StringComparison.Ordinal));
        }
        var skywalking = Assert.Single(await FeedInputs.ParseAllAsync(parser, Path.Combine(root, "apache-skywalking", "PYSEC-2020-342.yaml")));
        Assert.Equal(["0.1.0", "0.2.0", "0.3.0", "0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0", "1.0.0", "1.0.1"], skywalking.Affected[0].Versions.Take(10));
        Assert.Equal(9.8, Assert.Single(skywalking.Cvss).BaseScore);
    }

    [Fact]
    public async Task The_almalinux_tar_gz_imports_with_rpm_scheme_and_red_hat_style_severity()
    {
        var archive = SharedData.Require("testdata/advisories/osv-almalinux/almalinux-osv-advisories.tar.gz");
        var parser = new OsvParser();
        Assert.True(parser.Recognizes(FeedInputs.For(archive)));
        var advisories = await FeedInputs.ParseAllAsync(parser, archive);

        var expected = 0;
        await using (var tar = new TarReader(new GZipStream(File.OpenRead(archive), CompressionMode.Decompress)))
        {
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                if (entry.EntryType == TarEntryType.RegularFile && entry.Name.EndsWith(".json", StringComparison.Ordinal)) expected++;
            }
        }
        Assert.Equal(expected, advisories.Count);
        var libtiff = advisories.Single(a => a.Id == "ALSA-2022:8194");
        Assert.Equal(Severity.Medium, libtiff.Severity);
        Assert.Contains("CVE-2022-0561", libtiff.Aliases);
        var p = libtiff.Affected.First(x => x.Package == "libtiff");
        Assert.Equal(("osv:AlmaLinux:9", "rpm", "4.4.0-2.el9"), (p.Namespace, p.Scheme, p.FixedVersion));
    }

    [Fact]
    public async Task A_zip_of_records_is_read_and_a_corrupt_record_inside_fails_the_import()
    {
        var dir = SharedData.Require("testdata/advisories/osv-crates/osv");
        using var tmp = new TempDirectory();
        var zip = tmp.Combine("crates.zip");
        var picked = Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).Take(25).ToList();
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var f in picked) archive.CreateEntryFromFile(f, Path.GetFileName(f));
        }
        var parser = new OsvParser();
        Assert.True(parser.Recognizes(FeedInputs.For(zip)));
        var advisories = await FeedInputs.ParseAllAsync(parser, zip);
        Assert.Equal(picked.Select(Path.GetFileNameWithoutExtension), advisories.Select(a => a.Id));

        var broken = tmp.Combine("broken.zip");
        using (var archive = ZipFile.Open(broken, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(picked[0], "good.json");
            using var w = new StreamWriter(archive.CreateEntry("cut.json").Open());
            w.Write(File.ReadAllText(picked[1])[..200]);
        }
        var e = await Assert.ThrowsAsync<VigilException>(() => FeedInputs.ParseAllAsync(parser, broken));
        Assert.Equal(ErrorKind.InvalidInput, e.Kind);
        Assert.Contains("cut.json", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PyPI", "pep440")]
    [InlineData("Go", "go")]
    [InlineData("crates.io", "semver")]
    [InlineData("npm", "npm")]
    [InlineData("Maven", "maven")]
    [InlineData("RubyGems", "gem")]
    [InlineData("NuGet", "nuget")]
    [InlineData("Packagist", "composer")]
    [InlineData("Debian:12", "deb")]
    [InlineData("Alpine:v3.18", "apk")]
    [InlineData("AlmaLinux:9", "rpm")]
    [InlineData("Rocky Linux:8", "rpm")]
    [InlineData("Red Hat", "rpm")]
    public void Ecosystems_map_to_version_schemes(string ecosystem, string scheme) => Assert.Equal(scheme, OsvConventions.Scheme(ecosystem, ["ECOSYSTEM"]));

    [Fact]
    public void An_unknown_ecosystem_with_semver_ranges_is_semver() => Assert.Equal("semver", OsvConventions.Scheme("Hex", ["SEMVER"]));
}
