namespace Vigil.Images.Layers;

/// <summary>Progress of a squash: reported when a layer starts, every few MiB, and when it is done.</summary>
/// <param name="LayerIndex">The layer being read (-1 for a root filesystem walk).</param>
/// <param name="LayerCount">How many layers the image has (0 for a root filesystem).</param>
/// <param name="BytesRead">Uncompressed bytes of this layer read so far (for a root filesystem: bytes of retained files).</param>
/// <param name="Entries">Tar entries (or rootfs paths) seen so far in this layer.</param>
/// <param name="Done">True on the layer's last report.</param>
public sealed record LayerProgress(int LayerIndex, int LayerCount, long BytesRead, long Entries, bool Done);
