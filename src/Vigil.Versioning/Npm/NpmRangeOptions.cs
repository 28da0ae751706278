namespace Vigil.Versioning.Npm;

/// <summary>node-semver's options: <c>loose</c> accepts sloppy versions, <c>includePrerelease</c> lets pre-releases match any range.</summary>
public sealed record NpmRangeOptions(bool Loose = false, bool IncludePrerelease = false);
