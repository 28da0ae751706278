using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Images.Layers;

/// <summary>
/// The squashed view of an image, built by <see cref="Squasher"/>. Lookups follow symlinks inside the root only:
/// absolute targets are re-rooted, ".." stops at the root, and a loop is an error. Entries returned by
/// <see cref="Find"/> and <see cref="ListFiles"/> carry the resolved path (where the file really is).
/// Hard links are <see cref="FileKind.HardLink"/> entries that share the content of their target and count as
/// regular files in <see cref="ListFiles"/>. Thread-safe for reading once built.
/// </summary>
public sealed class SquashedTree : IFileTree
{
    /// <summary>Symlink expansions allowed in one lookup before it is called a loop (Linux allows 40).</summary>
    public const int MaxSymlinkHops = 40;

    private readonly ContentStore _store;
    private readonly Dictionary<string, List<VersionRecord>> _history = new(StringComparer.Ordinal);

    internal SquashedTree(IReadOnlyList<LayerInfo> layers, ContentStore store)
    {
        Layers = layers;
        _store = store;
        Root = new TreeNode("", FileKind.Directory, -1) { Children = new(StringComparer.Ordinal) };
    }

    public IReadOnlyList<LayerInfo> Layers { get; }

    internal TreeNode Root { get; }

    internal ContentStore Store => _store;

    /// <summary>How many paths the final view holds (directories included).</summary>
    public int Count { get; internal set; }

    public FileEntry? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = Resolve(path, followFinal: true);
        return node is null ? null : ToEntry(node);
    }

    public IReadOnlyList<FileEntry> ListFiles(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var dir = Resolve(directory, followFinal: true);
        if (dir?.Children is null) return [];
        return dir.Children.Values
            .Where(n => n.Kind is FileKind.File or FileKind.HardLink)
            .Select(ToEntry)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Every path under <paramref name="directory"/> in the final view, depth first, sorted, without following
    /// symlinks (so a link loop cannot make it run forever). Not part of <see cref="IFileTree"/>: for catalogers that search.
    /// </summary>
    public IEnumerable<FileEntry> Walk(string directory = "")
    {
        var start = directory.Length == 0 ? Root : Resolve(directory, followFinal: true);
        if (start?.Children is null) yield break;
        var stack = new Stack<TreeNode>(start.Children.Values.OrderByDescending(n => n.Path, StringComparer.Ordinal));
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return ToEntry(node);
            if (node.Children is { } children)
            {
                foreach (var child in children.Values.OrderByDescending(n => n.Path, StringComparer.Ordinal)) stack.Push(child);
            }
        }
    }

    public Stream OpenRead(string path, int? layerIndex = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = Resolve(path, followFinal: true);
        if (layerIndex is null)
        {
            if (node is null) throw new VigilException(ErrorKind.NotFound, $"{path} does not exist in the image");
            if (node.Content is null)
            {
                throw new VigilException(ErrorKind.NotFound,
                    node.Kind is FileKind.File or FileKind.HardLink
                        ? $"the content of {node.Path} was not retained: no cataloger declared it required"
                        : $"{node.Path} is a {node.Kind.ToString().ToLowerInvariant()}, not a regular file",
                    "declare the path in the cataloger's IsRequired so the squash keeps it");
            }
            return _store.Open(node.Content);
        }
        var key = node?.Path ?? SafePath.Clamp(path);
        var version = _history.TryGetValue(key, out var list) ? list.LastOrDefault(v => v.LayerIndex == layerIndex && !v.Deleted) : null;
        if (version?.Content is null)
        {
            throw new VigilException(ErrorKind.NotFound,
                version is null ? $"layer {layerIndex} did not write {key}" : $"the content layer {layerIndex} wrote at {key} was not retained",
                "use History(path) to see which layers wrote it");
        }
        return _store.Open(version.Content);
    }

    public IReadOnlyList<FileVersion> History(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = Resolve(path, followFinal: true)?.Path ?? SafePath.Clamp(path);
        return _history.TryGetValue(key, out var list) ? list.Select(v => new FileVersion(v.LayerIndex, v.Deleted)).ToList() : [];
    }

    public void Dispose() => _store.Dispose();

    internal void Record(string path, int layerIndex, bool deleted, ContentRef? content)
    {
        if (!_history.TryGetValue(path, out var list))
        {
            list = [];
            _history[path] = list;
        }
        var version = new VersionRecord(layerIndex, deleted, content);
        // A layer that writes a path twice (or writes and deletes it) keeps only its last word.
        if (list.Count > 0 && list[^1].LayerIndex == layerIndex) list[^1] = version;
        else list.Add(version);
    }

    internal void SetRetained(string path, int layerIndex, ContentRef content)
    {
        if (_history.TryGetValue(path, out var list))
        {
            var i = list.FindLastIndex(v => v.LayerIndex == layerIndex && !v.Deleted);
            if (i >= 0) list[i] = list[i] with { Content = content };
        }
    }

    private static FileEntry ToEntry(TreeNode n) => new(n.Path, n.Kind, n.Size, n.LayerIndex, n.LinkTarget);

    /// <summary>Looks a path up without following symlinks anywhere (used while building).</summary>
    internal TreeNode? Lookup(string normalised)
    {
        var node = Root;
        if (normalised.Length == 0) return node;
        foreach (var part in normalised.Split('/'))
        {
            if (node.Children is null || !node.Children.TryGetValue(part, out var child)) return null;
            node = child;
        }
        return node;
    }

    /// <summary>
    /// Walks a path the way the kernel would inside a chroot at the image root. Returns null when a part is
    /// missing or a non-final part is not a directory. Throws on a symlink loop.
    /// </summary>
    internal TreeNode? Resolve(string path, bool followFinal)
    {
        var pending = new Stack<string>();
        PushParts(pending, path);
        var trail = new List<TreeNode> { Root };
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (trail.Count > 1) trail.RemoveAt(trail.Count - 1);
                continue;
            }
            var current = trail[^1];
            if (current.Children is null || !current.Children.TryGetValue(part, out var child)) return null;
            if (child.Kind == FileKind.Symlink && (pending.Count > 0 || followFinal))
            {
                if (++hops > MaxSymlinkHops)
                {
                    throw new VigilException(ErrorKind.InvalidInput,
                        $"symlink loop resolving {path} in the image (more than {MaxSymlinkHops} links, last at {child.Path} -> {child.LinkTarget})",
                        "the image has circular symlinks; the path cannot be read");
                }
                var target = child.LinkTarget ?? "";
                if (target.StartsWith('/')) trail.RemoveRange(1, trail.Count - 1);
                PushParts(pending, target);
                continue;
            }
            trail.Add(child);
        }
        return trail[^1];
    }

    private static void PushParts(Stack<string> pending, string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 1; i >= 0; i--) pending.Push(parts[i]);
    }
}
