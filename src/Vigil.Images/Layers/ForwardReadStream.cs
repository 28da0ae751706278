namespace Vigil.Images.Layers;

/// <summary>
/// What every read-once stream here shares: readable, not seekable or writable, no length, the array ReadAsync routed
/// to the Memory one. Subclasses implement <see cref="Stream.Read(byte[], int, int)"/> and usually the Memory ReadAsync.
/// </summary>
public abstract class ForwardReadStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes handed out so far where the subclass counts them; otherwise not supported.</summary>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
