using Vigil.Core.Seams;

namespace Vigil.Images.Registry;

/// <summary>Puts the CLI's (or a library user's) registry options into a source list such as ImageSources.All.</summary>
public static class RegistrySourceList
{
    /// <summary>
    /// The same sources, with every <see cref="RegistrySource"/> replaced by one that uses <paramref name="options"/>.
    /// Pass the result to ImageOpener.OpenAsync(reference, options, sources, ct).
    /// </summary>
    public static IReadOnlyList<IImageSource> WithRegistryOptions(this IReadOnlyList<IImageSource> sources, RegistryOptions options) =>
        sources.Select(s => s is RegistrySource ? new RegistrySource(options) : s).ToList();
}
