namespace Vigil.Images.Sources;

/// <summary>
/// Marks the sources that read an image tarball (docker save, OCI archive). Their files may also come gzip- or
/// zstd-compressed (<c>docker save | gzip</c>); <see cref="ImageOpener"/> then decompresses to a temporary tarball first.
/// </summary>
internal interface IReadsTarballs;
