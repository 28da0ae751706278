using Spectre.Console;
using Spectre.Console.Cli;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Database;
using Vigil.Images.Registry;
using Vigil.Images.Sources;
using Vigil.Cli.Infrastructure;
using Vigil.Reports;
using Vigil.Reports.Common;
using Vigil.Scanning;

namespace Vigil.Cli.Commands;

/// <summary>
/// The shape of quickview, cves, sbom and scan: open, index, match (unless the command needs no database),
/// write the report, and exit with the verdict's code.
/// </summary>
public abstract class ImageCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : ImageSettings
{
    protected abstract string DefaultFormat { get; }

    /// <summary>Whether the command matches vulnerabilities (sbom does not).</summary>
    protected virtual bool Matches => true;

    /// <summary>The gate's threshold when the user gives none.</summary>
    protected virtual Severity? DefaultFailOn => null;

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var writer = ReportWriters.Get(settings.Format ?? DefaultFormat,
            settings.Output is null or "-" ? TextReportOptions.ForConsole() : TextReportOptions.Plain);
        var sources = ImageSources.All.WithRegistryOptions(await RegistryOptionsAsync(settings, cancellationToken));
        var options = new ImageOpenOptions(settings.Platform is null ? null : ParsePlatform(settings.Platform));
        var policy = BuildPolicy(settings);
        var scanner = new Scanner();

        var result = await WithProgressAsync(async progress =>
        {
            if (!Matches || settings is not VulnerabilitySettings vs)
            {
                var index = await ImageScan.IndexReferenceAsync(settings.Image, options, sources, scanner, progress, cancellationToken);
                return Scanner.WithoutMatching(index, policy);
            }
            // Open the database first: a missing database should fail before minutes of layer reading.
            await using var db = await AdvisoryDatabase.OpenAsync(DatabasePath.Resolve(vs.Db), cancellationToken);
            return await ImageScan.ScanReferenceAsync(settings.Image, options, sources, db, policy, scanner, progress, cancellationToken);
        });

        await ReportOutput.WriteAsync(writer, result, settings.Output, cancellationToken);
        foreach (var w in result.Warnings.Where(w => w.Incomplete))
            Terminal.Stderr.MarkupLine($"[yellow]incomplete[/]: {Markup.Escape(w.Message)}");
        return result.Verdict.ExitCode;
    }

    private static async Task<RegistryOptions> RegistryOptionsAsync(TSettings settings, CancellationToken cancellationToken)
    {
        string? password = null;
        if (settings.PasswordStdin)
        {
            if (settings.Username is null)
                throw new VigilException(ErrorKind.Usage, "--password-stdin needs --username", "vigil cves --username USER --password-stdin IMAGE < password.txt");
            password = (await Console.In.ReadToEndAsync(cancellationToken)).TrimEnd('\n', '\r');
        }
        return new RegistryOptions(
            Username: settings.Username,
            Password: password,
            InsecureRegistries: settings.InsecureRegistries,
            CaFile: settings.RegistryCa,
            Mirrors: settings.RegistryMirrors);
    }

    private Policy BuildPolicy(TSettings settings)
    {
        if (settings is not VulnerabilitySettings vs) return Policy.Default;
        Severity? failOn = vs.FailOn is { } f ? ParseSeverity(f, "--fail-on") : vs.ExitCode ? Severity.Unknown : DefaultFailOn;
        var filter = new FindingFilter(
            Severities: vs.OnlySeverity is { } s ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => ParseSeverity(x, "--only-severity")).ToHashSet() : null,
            OnlyFixed: vs.OnlyFixed,
            OnlyUnfixed: vs.OnlyUnfixed,
            PackageTypes: vs.OnlyPackageType is { } t ? t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()).ToHashSet() : null);
        if (vs.OnlyFixed && vs.OnlyUnfixed)
            throw new VigilException(ErrorKind.Usage, "--only-fixed and --only-unfixed exclude each other", "use one of them");
        return new Policy(failOn, false, filter);
    }

    private static Severity ParseSeverity(string text, string option) =>
        SeverityText.TryParse(text, out var s)
            ? s
            : throw new VigilException(ErrorKind.Usage, $"{option}: '{text}' is not a severity", "use critical, high, medium, low, negligible or unknown");

    private static Platform ParsePlatform(string text) =>
        Platform.TryParse(text, out var p)
            ? p
            : throw new VigilException(ErrorKind.Usage, $"--platform: '{text}' is not a platform", "write os/arch[/variant], e.g. linux/amd64 or linux/arm64/v8");

    private static async Task<ScanResult> WithProgressAsync(Func<IProgress<ScanProgress>?, Task<ScanResult>> run)
    {
        if (!Terminal.ShowProgress) return await run(null);
        ScanResult? result = null;
        await Terminal.Stderr.Status().StartAsync("Opening image…", async ctx =>
        {
            var progress = new Progress<ScanProgress>(p => ctx.Status(p.Stage switch
            {
                "layers" => $"Reading layer {p.LayerIndex + 1}/{p.LayerCount} ({p.BytesRead / (1024 * 1024)} MiB)",
                "catalog" => "Cataloguing packages…",
                "match" => "Matching vulnerabilities…",
                _ => "Opening image…",
            }));
            result = await run(progress);
        });
        return result!;
    }
}
