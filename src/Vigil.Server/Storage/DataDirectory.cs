namespace Vigil.Server.Storage;

/// <summary>The on-disk layout under --data. Everything the server writes lives below one root so one rename stays on one filesystem.</summary>
public sealed class DataDirectory
{
    public DataDirectory(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(BlobsRoot);
        Directory.CreateDirectory(UploadsRoot);
        Directory.CreateDirectory(TempRoot);
    }

    public string Root { get; }

    public string MetadataPath => Path.Combine(Root, "vigil.db");

    public string BlobsRoot => Path.Combine(Root, "blobs");

    public string UploadsRoot => Path.Combine(Root, "uploads");

    /// <summary>Scratch files that become blobs by rename; anything left here after a crash is garbage.</summary>
    public string TempRoot => Path.Combine(Root, "tmp");
}
