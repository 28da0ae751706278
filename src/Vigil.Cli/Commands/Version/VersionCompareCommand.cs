using System.ComponentModel;
using Spectre.Console.Cli;
using Vigil.Core;
using Vigil.Versioning;

namespace Vigil.Cli.Commands.Version;

public sealed class VersionCompareSettings : CommandSettings
{
    [CommandArgument(0, "<SCHEME>")]
    [Description("deb, apk, rpm, semver, npm, go, pep440, maven, gem, nuget, composer")]
    public string Scheme { get; init; } = "";

    [CommandArgument(1, "[A]")]
    public string? A { get; init; }

    [CommandArgument(2, "[B]")]
    public string? B { get; init; }

    [CommandOption("--batch")]
    [Description("Read A<TAB>B lines from stdin; print <, = or > (or 'error: …') per line")]
    public bool Batch { get; init; }

    [CommandOption("--range <RANGE>")]
    [Description("Check version A against RANGE in the scheme's syntax; prints true or false")]
    public string? Range { get; init; }
}

/// <summary>Version comparison for scripting, differential testing and explaining a finding.</summary>
public sealed class VersionCompareCommand : Command<VersionCompareSettings>
{
    public override int Execute(CommandContext context, VersionCompareSettings settings, CancellationToken cancellationToken)
    {
        if (!VersionSchemes.TryGet(settings.Scheme, out _))
            throw new VigilException(ErrorKind.Usage, $"unknown version scheme '{settings.Scheme}'",
                "known schemes: " + string.Join(", ", VersionSchemes.All.Select(s => s.Name)));
        var stdout = Console.Out;
        if (settings.Batch)
        {
            var failures = 0;
            string? line;
            while ((line = Console.In.ReadLine()) is not null)
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab < 0) { stdout.WriteLine("error: expected A<TAB>B"); failures++; continue; }
                if (VersionTool.TryCompare(settings.Scheme, line[..tab], line[(tab + 1)..], out var order, out var error))
                    stdout.WriteLine(Symbol(order));
                else { stdout.WriteLine("error: " + error); failures++; }
            }
            return failures == 0 ? 0 : 1;
        }
        if (settings.A is null)
            throw new VigilException(ErrorKind.Usage, "a version to compare is missing", "vigil version compare SCHEME A B, or --batch, or A --range RANGE");
        if (settings.Range is { } range)
        {
            if (!VersionTool.TryCheckRange(settings.Scheme, settings.A, range, out var satisfied, out var rangeError))
                throw new VigilException(ErrorKind.InvalidInput, rangeError, "check the version and range syntax of the scheme");
            stdout.WriteLine(satisfied ? "true" : "false");
            return 0;
        }
        if (settings.B is null)
            throw new VigilException(ErrorKind.Usage, "the second version is missing", "vigil version compare SCHEME A B");
        if (!VersionTool.TryCompare(settings.Scheme, settings.A, settings.B, out var o, out var err))
            throw new VigilException(ErrorKind.InvalidInput, err, "a version that does not parse makes findings indeterminate; check it against the scheme's rules");
        stdout.WriteLine(Symbol(o));
        return 0;
    }

    private static string Symbol(int order) => order < 0 ? "<" : order > 0 ? ">" : "=";
}
