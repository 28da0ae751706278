using Vigil.Core.Model;

namespace Vigil.Core.Seams;

public enum FileKind
{
    File,
    Directory,
    Symlink,
    HardLink,
    Other,
}

/// <summary>A path in the squashed view. Paths are relative to the image root: no leading slash, '/' separated, normalised.</summary>
/// <param name="LayerIndex">The layer that last wrote this path (-1 for a root filesystem source without layers).</param>
/// <param name="LinkTarget">For a symlink, the target as written in the image.</param>
public sealed record FileEntry(string Path, FileKind Kind, long Size, int LayerIndex, string? LinkTarget);

/// <summary>One state a path had: written by, or deleted in, a layer.</summary>
public sealed record FileVersion(int LayerIndex, bool Deleted);

/// <summary>
/// The image's files after applying every layer in order (whiteouts, opaque directories), with each path's history.
/// Metadata is kept for every path; content only for paths a cataloger declared it needs.
/// Symlinks are resolved inside the image root: an absolute or ../ target never leaves it.
/// </summary>
public interface IFileTree : IDisposable
{
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The entry at <paramref name="path"/> in the final view, following symlinks inside the root; null when absent.</summary>
    FileEntry? Find(string path);

    /// <summary>Regular files directly inside <paramref name="directory"/> in the final view (symlinked directories followed), sorted by path.</summary>
    IReadOnlyList<FileEntry> ListFiles(string directory);

    /// <summary>
    /// Reads a retained file. <paramref name="layerIndex"/> null reads the final view; otherwise the content as that layer wrote it.
    /// Throws <see cref="VigilException"/> (NotFound) when the path is absent or its content was not retained.
    /// </summary>
    Stream OpenRead(string path, int? layerIndex = null);

    /// <summary>Every version the path had, oldest first; empty when it never existed. Symlinks are followed in the final view.</summary>
    IReadOnlyList<FileVersion> History(string path);
}
