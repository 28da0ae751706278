namespace Vigil.Core.Model;

/// <summary>The operating system an image declares (os-release and friends).</summary>
/// <param name="Id">os-release ID: debian, alpine, ubuntu, rhel …</param>
/// <param name="VersionId">os-release VERSION_ID, e.g. "12" or "3.18.4"; may be null on testing/sid.</param>
/// <param name="Codename">VERSION_CODENAME, e.g. "bookworm".</param>
public sealed record Distro(string Id, string? VersionId, string? Codename, string? PrettyName)
{
    /// <summary>The label purls carry as <c>distro=</c>, e.g. <c>debian-12</c>, <c>alpine-3.18.4</c>.</summary>
    public string PurlLabel => VersionId is null ? Id : $"{Id}-{VersionId}";

    public override string ToString() => PrettyName ?? PurlLabel;
}
