namespace Vigil.Core.Model;

/// <summary>
/// What an image holds, independent of any vulnerability data: the durable half of a scan.
/// When the database changes it is re-matched without reading the image again.
/// </summary>
public sealed record IndexReport(
    ImageInfo Target,
    Distro? Os,
    IReadOnlyList<Package> Packages,
    IReadOnlyList<ScanWarning> Warnings,
    IReadOnlyList<string> CatalogerIds);
