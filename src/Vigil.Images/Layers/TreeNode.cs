using Vigil.Core.Seams;

namespace Vigil.Images.Layers;

/// <summary>A path in the squashed tree while it is built and after.</summary>
internal sealed class TreeNode(string path, FileKind kind, int layerIndex)
{
    public string Path { get; } = path;

    public FileKind Kind { get; set; } = kind;

    public long Size { get; set; }

    /// <summary>The layer that last wrote this path.</summary>
    public int LayerIndex { get; set; } = layerIndex;

    /// <summary>Symlink: the target as written. Hard link: the normalised path it links to.</summary>
    public string? LinkTarget { get; set; }

    public Dictionary<string, TreeNode>? Children { get; set; }

    public ContentRef? Content { get; set; }

    /// <summary>Where the bytes of a regular file (or a hard link's target) were written: layer and path in that layer.</summary>
    public (int Layer, string Path)? Origin { get; set; }

    public TreeNode? Parent { get; set; }

    public string Name => SafePath.FileName(Path);
}

/// <summary>One state a path had, with the content that layer wrote when it was retained.</summary>
internal sealed record VersionRecord(int LayerIndex, bool Deleted, ContentRef? Content);
