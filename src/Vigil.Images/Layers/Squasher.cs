using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Images.Sources;

namespace Vigil.Images.Layers;

/// <summary>
/// Applies an image's layers in order into one <see cref="SquashedTree"/>: overlay whiteouts (<c>.wh.NAME</c>) and
/// opaque directories (<c>.wh..wh..opq</c>) hide lower layers only; hard links take their target's content; entry
/// names are normalised and one that climbs out of the root is refused, as docker refuses it. Every path keeps a
/// history of the layers that wrote or deleted it. Only paths <c>isRequired</c> accepts have their content kept.
/// A <see cref="RootFsImage"/> has no layers: its directory is walked without following host symlinks, and every
/// path reports layer -1 with a one-version history.
/// </summary>
public static class Squasher
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";
    private const string WhiteoutMetaPrefix = ".wh..wh.";
    private const long ProgressEvery = 8L * 1024 * 1024;

    public static Task<IFileTree> SquashAsync(IImage image, Func<string, bool> isRequired, IProgress<LayerProgress>? progress, CancellationToken cancellationToken) =>
        SquashAsync(image, isRequired, SquashOptions.Default, progress, cancellationToken);

    public static async Task<IFileTree> SquashAsync(
        IImage image, Func<string, bool> isRequired, SquashOptions options, IProgress<LayerProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(isRequired);
        ArgumentNullException.ThrowIfNull(options);
        var tree = new SquashedTree(image.Info.Layers, new ContentStore(options.InMemoryFileBytes));
        try
        {
            if (image is RootFsImage rootfs)
            {
                await RootFsWalker.WalkAsync(tree, rootfs, isRequired, options, progress, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                for (var i = 0; i < image.Info.Layers.Count; i++)
                {
                    await ApplyLayerAsync(tree, image, i, isRequired, options, progress, cancellationToken).ConfigureAwait(false);
                }
                await RetainLinkedContentAsync(tree, image, isRequired, options, cancellationToken).ConfigureAwait(false);
            }
            tree.Count = tree.Walk().Count();
            return tree;
        }
        catch
        {
            tree.Dispose();
            throw;
        }
    }

    private static string Describe(IImage image, int index) =>
        $"layer {index} (blob {image.Info.Layers[index].Digest}) of '{image.Info.Name}'";

    private static async Task ApplyLayerAsync(
        SquashedTree tree, IImage image, int index, Func<string, bool> isRequired, SquashOptions options,
        IProgress<LayerProgress>? progress, CancellationToken cancellationToken)
    {
        var what = Describe(image, index);
        var count = image.Info.Layers.Count;
        progress?.Report(new LayerProgress(index, count, 0, 0, false));
        await using var stream = await image.OpenLayerAsync(index, cancellationToken).ConfigureAwait(false);
        long entries = 0;
        long nextReport = ProgressEvery;
        await using (var reader = new LayerTarReader(stream, what))
        {
            while (await reader.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
            {
                entries++;
                await ApplyEntryAsync(tree, entry, index, what, isRequired, options, cancellationToken).ConfigureAwait(false);
                if (progress is not null && BytesOf(stream) >= nextReport)
                {
                    nextReport = BytesOf(stream) + ProgressEvery;
                    progress.Report(new LayerProgress(index, count, BytesOf(stream), entries, false));
                }
            }
        }
        // The tar ends at its zero blocks; read on to the blob's end so its digests are checked.
        await stream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        progress?.Report(new LayerProgress(index, count, BytesOf(stream), entries, true));
    }

    private static long BytesOf(Stream stream) => stream switch
    {
        LayerStream l => l.BytesRead,
        { CanSeek: true } => stream.Position,
        _ => 0,
    };

    private static async Task ApplyEntryAsync(
        SquashedTree tree, LayerTarEntry entry, int layer, string what, Func<string, bool> isRequired, SquashOptions options, CancellationToken cancellationToken)
    {
        if (!SafePath.TryNormalize(entry.Name, out var path))
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"{what} has an entry '{entry.Name}' that climbs out of the image root; refused, as docker refuses it",
                "the layer is hostile or damaged; do not run this image");
        }
        if (path.Length == 0) return;
        var name = SafePath.FileName(path);
        var parent = SafePath.Parent(path);
        if (name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            if (name == OpaqueMarker)
            {
                var dir = EnsureDirectory(tree, parent, layer);
                foreach (var child in dir.Children!.Values.ToList()) RemoveLower(tree, child, layer);
            }
            else if (!name.StartsWith(WhiteoutMetaPrefix, StringComparison.Ordinal))
            {
                var dir = EnsureDirectory(tree, parent, layer);
                if (dir.Children!.TryGetValue(name[WhiteoutPrefix.Length..], out var target)) RemoveLower(tree, target, layer);
            }
            return;
        }

        var parentNode = EnsureDirectory(tree, parent, layer);
        // The parent may have been reached through a linked directory: the entry lives where the link leads.
        path = SafePath.Combine(parentNode.Path, name);
        parentNode.Children!.TryGetValue(name, out var existing);
        if (entry.Kind == FileKind.Directory && existing?.Kind == FileKind.Directory)
        {
            existing.LayerIndex = layer;
            tree.Record(path, layer, deleted: false, null);
            return;
        }
        if (existing is not null) Remove(tree, existing, layer, recordSelf: false);

        var node = new TreeNode(path, entry.Kind, layer) { Parent = parentNode };
        switch (entry.Kind)
        {
            case FileKind.Directory:
                node.Children = new(StringComparer.Ordinal);
                break;
            case FileKind.Symlink:
                node.LinkTarget = entry.LinkName ?? "";
                break;
            case FileKind.HardLink:
                if (!SafePath.TryNormalize(entry.LinkName ?? "", out var linkPath) || linkPath.Length == 0)
                {
                    throw new VigilException(ErrorKind.InvalidInput,
                        $"{what} has a hard link '{entry.Name}' to '{entry.LinkName}', outside the image root; refused",
                        "the layer is hostile or damaged; do not run this image");
                }
                node.LinkTarget = linkPath;
                if (tree.Lookup(linkPath) is { Kind: FileKind.File or FileKind.HardLink } target)
                {
                    node.Size = target.Size;
                    node.Content = target.Content;
                    node.Origin = target.Origin;
                }
                break;
            case FileKind.File:
                node.Size = entry.Size;
                node.Origin = (layer, path);
                if (entry.Data is not null && isRequired(path))
                {
                    node.Content = await RetainAsync(tree, entry.Data, entry.Size, path, what, options, cancellationToken).ConfigureAwait(false);
                }
                break;
        }
        parentNode.Children[name] = node;
        tree.Record(path, layer, deleted: false, node.Content);
    }

    private static async Task<ContentRef> RetainAsync(
        SquashedTree tree, Stream data, long size, string path, string what, SquashOptions options, CancellationToken cancellationToken)
    {
        if (size > options.MaxRetainedFileBytes)
        {
            throw new VigilException(ErrorKind.InvalidInput,
                $"{path} in {what} is {size} bytes, more than the {options.MaxRetainedFileBytes} bytes a retained file may have",
                "raise SquashOptions.MaxRetainedFileBytes if the file is genuine");
        }
        try
        {
            return await tree.Store.AddAsync(data, size, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"{what} is truncated inside entry '{path}'", "the layer is damaged; pull or save the image again", e);
        }
    }

    /// <summary>Makes every part of <paramref name="path"/> a directory, replacing files in the way (as extraction would).</summary>
    private static TreeNode EnsureDirectory(SquashedTree tree, string path, int layer)
    {
        var node = tree.Root;
        if (path.Length == 0) return node;
        var sofar = "";
        foreach (var part in path.Split('/'))
        {
            sofar = SafePath.Combine(sofar, part);
            if (node.Children!.TryGetValue(part, out var child) && child.Kind == FileKind.Directory)
            {
                node = child;
                continue;
            }
            if (child?.Kind == FileKind.Symlink && FollowToDirectory(tree, sofar) is { } linked)
            {
                // As extraction does (and docker's, which keeps it inside the root): write through a link to a directory.
                node = linked;
                sofar = linked.Path;
                continue;
            }
            if (child is not null) Remove(tree, child, layer, recordSelf: true);
            var dir = new TreeNode(sofar, FileKind.Directory, layer) { Parent = node, Children = new(StringComparer.Ordinal) };
            node.Children[part] = dir;
            node = dir;
        }
        return node;
    }

    private static TreeNode? FollowToDirectory(SquashedTree tree, string path)
    {
        try
        {
            return tree.Resolve(path, followFinal: true) is { Kind: FileKind.Directory } dir ? dir : null;
        }
        catch (VigilException)
        {
            return null; // a loop: replace the link with a directory, as if it were a file in the way
        }
    }

    /// <summary>Removes what lower layers put at and below <paramref name="node"/>; what this layer wrote stays. True when the node went.</summary>
    private static bool RemoveLower(SquashedTree tree, TreeNode node, int layer)
    {
        var keep = node.LayerIndex == layer;
        if (node.Children is { } children)
        {
            foreach (var child in children.Values.ToList())
            {
                if (!RemoveLower(tree, child, layer)) keep = true;
            }
        }
        if (keep) return false;
        node.Parent?.Children?.Remove(node.Name);
        tree.Record(node.Path, layer, deleted: true, null);
        return true;
    }

    private static void Remove(SquashedTree tree, TreeNode node, int layer, bool recordSelf)
    {
        if (node.Children is { } children)
        {
            foreach (var child in children.Values.ToList()) Remove(tree, child, layer, recordSelf: true);
        }
        node.Parent?.Children?.Remove(node.Name);
        if (recordSelf) tree.Record(node.Path, layer, deleted: true, null);
    }

    /// <summary>
    /// A required path that is a symlink or hard link to a file nobody required (Debian's etc/os-release links to
    /// ../usr/lib/os-release) has no content after the first pass; read those layers again for just those files.
    /// </summary>
    private static async Task RetainLinkedContentAsync(
        SquashedTree tree, IImage image, Func<string, bool> isRequired, SquashOptions options, CancellationToken cancellationToken)
    {
        var wanted = CollectLinkedTargets(tree, isRequired);
        foreach (var (layer, paths) in wanted.OrderBy(kv => kv.Key))
        {
            var what = Describe(image, layer);
            await using var stream = await image.OpenLayerAsync(layer, cancellationToken).ConfigureAwait(false);
            await using var reader = new LayerTarReader(stream, what);
            var left = paths.Count;
            while (left > 0 && await reader.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.Kind != FileKind.File || entry.Data is null || !SafePath.TryNormalize(entry.Name, out var path)) continue;
                if (!paths.Remove(path, out var nodes)) continue;
                left--;
                var content = await RetainAsync(tree, entry.Data, entry.Size, path, what, options, cancellationToken).ConfigureAwait(false);
                foreach (var node in nodes) node.Content = content;
                tree.SetRetained(path, layer, content);
            }
            // Hard links share their target's content; give it to every link that points at a filled node.
            foreach (var link in tree.Walk().Where(e => e.Kind == FileKind.HardLink))
            {
                var node = tree.Lookup(link.Path);
                if (node is { Content: null, LinkTarget: { } t } && tree.Lookup(t) is { Content: { } c }) node.Content = c;
            }
        }
    }

    /// <summary>Files that a required symlink or hard link leads to but whose content was not kept, grouped by the layer that wrote them.</summary>
    internal static Dictionary<int, Dictionary<string, List<TreeNode>>> CollectLinkedTargets(SquashedTree tree, Func<string, bool> isRequired)
    {
        var wanted = new Dictionary<int, Dictionary<string, List<TreeNode>>>();
        void Want(TreeNode target)
        {
            if (target is not { Kind: FileKind.File or FileKind.HardLink, Content: null, Origin: { } origin }) return;
            if (!wanted.TryGetValue(origin.Layer, out var paths)) wanted[origin.Layer] = paths = new(StringComparer.Ordinal);
            if (!paths.TryGetValue(origin.Path, out var nodes)) paths[origin.Path] = nodes = [];
            if (!nodes.Contains(target)) nodes.Add(target);
        }

        foreach (var entry in tree.Walk())
        {
            if (entry.Kind is not (FileKind.Symlink or FileKind.HardLink)) continue;
            TreeNode? target;
            try
            {
                target = entry.Kind == FileKind.Symlink ? tree.Resolve(entry.Path, followFinal: true) : tree.Lookup(entry.Path);
            }
            catch (VigilException)
            {
                continue; // a loop: Find reports it when the path is read
            }
            if (target is null) continue;
            if (target.Kind == FileKind.Directory)
            {
                // A linked directory (merged /usr: bin -> usr/bin; Fedora: var/lib/rpm -> ../../usr/lib/sysimage/rpm)
                // gives every file below it a second name, which a cataloger may be asking for.
                foreach (var file in tree.Walk(target.Path))
                {
                    if (file.Kind is not (FileKind.File or FileKind.HardLink)) continue;
                    var alias = target.Path.Length == 0 ? $"{entry.Path}/{file.Path}" : entry.Path + file.Path[target.Path.Length..];
                    if (isRequired(alias) && tree.Lookup(file.Path) is { } node) Want(node);
                }
            }
            else if (isRequired(entry.Path))
            {
                Want(target);
            }
        }
        return wanted;
    }
}
