using System.Formats.Tar;

namespace Vigil.TestKit.Images;

/// <summary>Lays layers out as a plain directory, as a container runtime would: whiteouts delete, symlinks stay symlinks.</summary>
internal static class RootFsWriter
{
    public static void Write(string root, IEnumerable<LayerBuilder> layers)
    {
        Directory.CreateDirectory(root);
        foreach (var layer in layers)
        {
            var entries = layer.Entries.ToList();
            // Whiteouts hide lower layers only, so apply them before this layer's own files.
            foreach (var (name, _, _, _) in entries)
            {
                var file = Path.GetFileName(name);
                var dir = Path.GetDirectoryName(name) ?? "";
                if (file == ".wh..wh..opq")
                {
                    var target = Inside(root, dir);
                    if (target is not null && Directory.Exists(target))
                    {
                        foreach (var child in new DirectoryInfo(target).EnumerateFileSystemInfos()) Delete(child.FullName);
                    }
                }
                else if (file.StartsWith(".wh.", StringComparison.Ordinal))
                {
                    var target = Inside(root, Path.Combine(dir, file[4..]));
                    if (target is not null) Delete(target);
                }
            }
            foreach (var (name, type, link, open) in entries)
            {
                if (Path.GetFileName(name.TrimEnd('/')).StartsWith(".wh.", StringComparison.Ordinal)) continue;
                var target = Inside(root, name.TrimEnd('/'));
                if (target is null) continue;
                switch (type)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.SymbolicLink:
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        Delete(target);
                        File.CreateSymbolicLink(target, link!);
                        break;
                    case TarEntryType.HardLink:
                        var source = Inside(root, link!);
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        Delete(target);
                        if (source is not null && File.Exists(source)) File.Copy(source, target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        Delete(target);
                        using (var data = open!())
                        using (var f = File.Create(target))
                        {
                            data.CopyTo(f);
                        }
                        break;
                }
            }
        }
    }

    private static string? Inside(string root, string name)
    {
        var full = Path.GetFullPath(Path.Combine(root, name.TrimStart('/')));
        return full.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) ? full : null;
    }

    private static void Delete(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || File.Exists(path)) File.Delete(path);
        else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
