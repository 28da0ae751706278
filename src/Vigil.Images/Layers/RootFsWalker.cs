using Vigil.Core.Seams;
using Vigil.Images.Sources;

namespace Vigil.Images.Layers;

/// <summary>
/// Builds a tree from a root filesystem directory with lstat semantics: a symlink is recorded as a symlink (its target
/// resolved later inside the tree, never on the host) and never descended into.
/// </summary>
internal static class RootFsWalker
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        ReturnSpecialDirectories = false,
    };

    public static async Task WalkAsync(
        SquashedTree tree, RootFsImage image, Func<string, bool> isRequired, SquashOptions options,
        IProgress<LayerProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new LayerProgress(-1, 0, 0, 0, false));
        long entries = 0, bytes = 0;
        var stack = new Stack<(DirectoryInfo Dir, TreeNode Node)>();
        stack.Push((new DirectoryInfo(image.RootPath), tree.Root));
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (dir, parent) = stack.Pop();
            foreach (var info in dir.EnumerateFileSystemInfos("*", Options))
            {
                entries++;
                var path = SafePath.Combine(parent.Path, info.Name);
                TreeNode node;
                if (info.LinkTarget is { } target)
                {
                    node = new TreeNode(path, FileKind.Symlink, -1) { LinkTarget = target };
                }
                else if (info is DirectoryInfo sub)
                {
                    node = new TreeNode(path, FileKind.Directory, -1) { Children = new(StringComparer.Ordinal) };
                    stack.Push((sub, node));
                }
                else if (info is FileInfo file)
                {
                    node = new TreeNode(path, FileKind.File, -1) { Size = file.Length, Origin = (-1, path) };
                    if (isRequired(path))
                    {
                        await using var s = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                        node.Content = await RetainAsync(tree, s, file.Length, path, image.Info.Name, options, cancellationToken).ConfigureAwait(false);
                        bytes += file.Length;
                    }
                }
                else
                {
                    node = new TreeNode(path, FileKind.Other, -1);
                }
                node.Parent = parent;
                parent.Children![info.Name] = node;
                tree.Record(path, -1, deleted: false, node.Content);
            }
        }
        // A required link (etc/os-release -> ../usr/lib/os-release) needs its target's bytes; the target was
        // found inside the tree, so reading it from under the root stays inside the root.
        foreach (var (_, paths) in Squasher.CollectLinkedTargets(tree, isRequired))
        {
            foreach (var (path, nodes) in paths)
            {
                var full = Path.Combine(image.RootPath, path);
                await using var s = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                var content = await RetainAsync(tree, s, s.Length, path, image.Info.Name, options, cancellationToken).ConfigureAwait(false);
                foreach (var node in nodes) node.Content = content;
                tree.SetRetained(path, -1, content);
            }
        }
        progress?.Report(new LayerProgress(-1, 0, bytes, entries, true));
    }

    private static Task<ContentRef> RetainAsync(SquashedTree tree, Stream s, long size, string path, string name, SquashOptions options, CancellationToken cancellationToken)
    {
        if (size > options.MaxRetainedFileBytes)
        {
            throw new Vigil.Core.VigilException(Vigil.Core.ErrorKind.InvalidInput,
                $"{path} in root filesystem '{name}' is {size} bytes, more than the {options.MaxRetainedFileBytes} bytes a retained file may have",
                "raise SquashOptions.MaxRetainedFileBytes if the file is genuine");
        }
        return tree.Store.AddAsync(s, size, cancellationToken);
    }
}
