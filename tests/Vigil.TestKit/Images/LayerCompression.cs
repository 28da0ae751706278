namespace Vigil.TestKit.Images;

/// <summary>How a built layer blob is compressed.</summary>
public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}
