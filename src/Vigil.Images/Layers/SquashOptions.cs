namespace Vigil.Images.Layers;

/// <summary>Limits for <see cref="Squasher"/>; the defaults serve the CLI and the library alike.</summary>
/// <param name="MaxRetainedFileBytes">The largest file whose content may be kept; a required file above it is an error, not silently skipped.</param>
/// <param name="InMemoryFileBytes">Retained files up to this size stay in memory; larger ones go to a temp file deleted on Dispose.</param>
public sealed record SquashOptions(long MaxRetainedFileBytes = 512L * 1024 * 1024, int InMemoryFileBytes = 256 * 1024)
{
    public static SquashOptions Default { get; } = new();
}
