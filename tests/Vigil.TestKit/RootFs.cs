using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Images.Sources;
using Vigil.Images.Layers;

namespace Vigil.TestKit;

/// <summary>
/// A root filesystem on disk that tests fill with fixture files, then read back as Vigil sees images
/// (through the real fs:// source and squasher, not a stand-in).
/// </summary>
public sealed class RootFs : IDisposable
{
    private readonly TempDirectory _dir = new("vigil-rootfs");

    public string Path => _dir.Path;

    /// <summary>Copies a file into the rootfs at a root-relative path.</summary>
    public RootFs Copy(string source, string path)
    {
        var target = Target(path);
        File.Copy(source, target, overwrite: true);
        return this;
    }

    public RootFs Write(string path, string content)
    {
        File.WriteAllText(Target(path), content);
        return this;
    }

    public RootFs Symlink(string path, string linkTarget)
    {
        File.CreateSymbolicLink(Target(path), linkTarget);
        return this;
    }

    /// <summary>Reads the rootfs as the scanner does, keeping the content of paths <paramref name="isRequired"/> accepts.</summary>
    public async Task<IFileTree> TreeAsync(Func<string, bool> isRequired, CancellationToken cancellationToken = default)
    {
        await using var image = await ImageOpener.OpenAsync("fs://" + Path, new ImageOpenOptions(), cancellationToken);
        return await Squasher.SquashAsync(image, isRequired, null, cancellationToken);
    }

    private string Target(string path)
    {
        var target = System.IO.Path.Combine(Path, path.TrimStart('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        return target;
    }

    public void Dispose() => _dir.Dispose();
}
