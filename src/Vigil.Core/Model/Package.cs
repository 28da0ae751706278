namespace Vigil.Core.Model;

/// <summary>Package types, as purl types.</summary>
public static class PackageTypes
{
    public const string Deb = "deb";
    public const string Apk = "apk";
    public const string Rpm = "rpm";
    public const string Npm = "npm";
    public const string PyPI = "pypi";
    public const string Golang = "golang";
    public const string Maven = "maven";
    public const string Gem = "gem";
    public const string NuGet = "nuget";
    public const string Cargo = "cargo";
    public const string Composer = "composer";
}

/// <summary>One installed package found in an image.</summary>
/// <param name="Type">purl type: deb, apk, npm …</param>
/// <param name="SourceName">The source package (dpkg Source:, apk origin) the vendor's advisories name; equals Name when the database gives none.</param>
/// <param name="Location">The path of the database or manifest it was read from, without a leading slash.</param>
/// <param name="LayerIndex">0-based index of the layer that introduced it; -1 when unknown (e.g. an SBOM input).</param>
/// <param name="LayerDiffId">That layer's DiffID (digest of the uncompressed tar).</param>
public sealed record Package(
    string Name,
    string Version,
    string Type,
    string Purl,
    string SourceName,
    string SourceVersion,
    string? Architecture,
    IReadOnlyList<string> Licenses,
    string Location,
    string CatalogerId,
    int LayerIndex = -1,
    string? LayerDiffId = null);
