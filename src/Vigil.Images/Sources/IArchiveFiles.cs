namespace Vigil.Images.Sources;

/// <summary>The files of an image layout or docker-save tarball, whether on disk or inside a tar read in place.</summary>
internal interface IArchiveFiles
{
    /// <summary>What to call the container in messages: the directory or tarball path.</summary>
    string Location { get; }

    bool Exists(string path);

    /// <summary>The size of a regular file; throws NotFound when absent.</summary>
    long Length(string path);

    /// <summary>Opens a file for streaming; throws NotFound when absent.</summary>
    Stream Open(string path);
}
