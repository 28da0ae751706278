using System.Diagnostics.CodeAnalysis;
using Vigil.Versioning.Ranges;

namespace Vigil.Versioning.NuGet;

/// <summary>NuGet versions (<c>NuGetVersion</c>, <c>VersionComparer.Default</c>) and ranges (<c>VersionRange</c>: <c>[1.0,2.0)</c>, <c>1.*</c>).</summary>
public sealed class NuGetVersionScheme : IVersionScheme, IRangeSyntax
{
    public static NuGetVersionScheme Instance { get; } = new();

    private NuGetVersionScheme()
    {
    }

    public string Name => "nuget";

    public bool TryParse(string text, [NotNullWhen(true)] out IVersion? version, [NotNullWhen(false)] out string? reason)
    {
        var ok = NuGetVersionParser.TryParse(text, out var v, out reason);
        version = v;
        return ok;
    }

    public bool TryParse(string text, [NotNullWhen(true)] out NuGetVersion? version, [NotNullWhen(false)] out string? reason) =>
        NuGetVersionParser.TryParse(text, out version, out reason);

    public bool TryParseRange(string text, [NotNullWhen(true)] out IVersionRange? range, [NotNullWhen(false)] out string? reason)
    {
        var ok = NuGetVersionRange.TryParse(text, out var r, out reason);
        range = r;
        return ok;
    }
}
