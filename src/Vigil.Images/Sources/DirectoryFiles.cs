using Vigil.Core;
using Vigil.Images.Layers;

namespace Vigil.Images.Sources;

/// <summary>Files under an OCI layout directory. Names are normalised and may not climb out of it.</summary>
internal sealed class DirectoryFiles(string root) : IArchiveFiles
{
    public string Location { get; } = root;

    public bool Exists(string path) => Resolve(path) is { } p && File.Exists(p);

    public long Length(string path) => new FileInfo(Require(path)).Length;

    public Stream Open(string path) =>
        new FileStream(Require(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);

    private string? Resolve(string path) => SafePath.TryNormalize(path, out var n) && n.Length > 0 ? Path.Combine(Location, n) : null;

    private string Require(string path)
    {
        var full = Resolve(path);
        if (full is null || !File.Exists(full))
        {
            throw new VigilException(ErrorKind.NotFound, $"'{path}' is missing from the OCI layout {Location}",
                "the layout is incomplete; copy or export the image again");
        }
        return full;
    }
}
