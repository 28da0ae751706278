using System.Security.Cryptography;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Images.Layers;

/// <summary>
/// A layer blob as an uncompressed tar: decompressed by its magic bytes (not its media type), with the blob digest
/// checked on the compressed bytes and the DiffID on the uncompressed ones, both when the end is reached.
/// Guards against decompression bombs with <see cref="ImageOpenOptions.MaxLayerBytes"/> and
/// <see cref="ImageOpenOptions.MaxCompressionRatio"/>. Holds only fixed-size buffers, whatever the layer size.
/// </summary>
public sealed class LayerStream : ForwardReadStream
{
    /// <summary>Below this many uncompressed bytes the ratio is not checked (see <see cref="DecompressionLimits"/>).</summary>
    public const long RatioCheckThreshold = DecompressionLimits.RatioCheckThreshold;


    private readonly VerifyingStream _blob;
    private readonly Stream _decoded;
    private readonly Digest _diffId;
    private readonly IncrementalHash _diffHash;
    private readonly string _what;
    private readonly ImageOpenOptions _options;
    private bool _finished;

    private LayerStream(VerifyingStream blob, Stream decoded, Digest diffId, string what, ImageOpenOptions options, string compression)
    {
        _blob = blob;
        _decoded = decoded;
        _diffId = diffId;
        _diffHash = IncrementalHash.CreateHash(diffId.HashAlgorithm);
        _what = what;
        _options = options;
        Compression = compression;
    }

    /// <summary>"gzip", "zstd" or "none", as found from the content.</summary>
    public string Compression { get; }

    /// <summary>Uncompressed bytes handed out so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Compressed bytes consumed so far.</summary>
    public long CompressedBytesRead => _blob.BytesRead;

    /// <summary>
    /// Wraps a raw blob. <paramref name="what"/> names the layer in errors ("layer 1 (blob sha256:…)").
    /// The stream is owned and disposed with the result.
    /// </summary>
    public static async Task<LayerStream> OpenAsync(
        Stream raw, Digest blobDigest, long? blobSize, Digest diffId, string what, ImageOpenOptions options, CancellationToken cancellationToken)
    {
        var blob = new VerifyingStream(raw, blobDigest, blobSize, what);
        try
        {
            var head = new byte[8];
            var filled = 0;
            while (filled < head.Length)
            {
                var n = await blob.ReadAsync(head.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                filled += n;
            }
            var prefixed = new PrefixedStream(head, filled, blob);
            return CompressionMagic.Of(head.AsSpan(0, filled)) switch
            {
                var c when c is CompressionMagic.Gzip or CompressionMagic.Zstd => new LayerStream(blob, CompressionMagic.Decoder(c, prefixed), diffId, what, options, c),
                { } other => throw new VigilException(ErrorKind.Unsupported,
                    $"{what} is compressed with {other}, which OCI images do not use",
                    "layers must be tar, tar+gzip or tar+zstd; rebuild the image with a standard tool"),
                null => new LayerStream(blob, prefixed, diffId, what, options, "none"),
            };
        }
        catch
        {
            await blob.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        if (_finished || buffer.Length == 0) return 0;
        int n;
        try
        {
            n = _decoded.Read(buffer);
        }
        catch (Exception e) when (e is not VigilException and not OperationCanceledException)
        {
            throw Corrupt(e);
        }
        if (n == 0)
        {
            FinishAsync(CancellationToken.None).GetAwaiter().GetResult();
            return 0;
        }
        return Account(buffer[..n]);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_finished || buffer.Length == 0) return 0;
        int n;
        try
        {
            n = await _decoded.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not VigilException and not OperationCanceledException)
        {
            throw Corrupt(e);
        }
        if (n == 0)
        {
            await FinishAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        return Account(buffer.Span[..n]);
    }

    private int Account(ReadOnlySpan<byte> data)
    {
        BytesRead += data.Length;
        _diffHash.AppendData(data);
        DecompressionLimits.Check(_what, BytesRead, _blob.BytesRead, _options);
        return data.Length;
    }

    private async Task FinishAsync(CancellationToken cancellationToken)
    {
        _finished = true;
        // The decompressor may stop before the blob's end (trailing padding); the blob digest covers every byte.
        await _blob.DrainAsync(cancellationToken).ConfigureAwait(false);
        var actual = new Digest(_diffId.Algorithm, Convert.ToHexStringLower(_diffHash.GetHashAndReset()));
        if (actual != _diffId)
        {
            throw new VigilException(ErrorKind.Integrity,
                $"{_what}: the uncompressed tar does not match its DiffID: expected {_diffId}, content hashes to {actual}",
                "the image config and its layers disagree; the image is corrupt or was tampered with");
        }
    }

    private VigilException Corrupt(Exception e)
    {
        // A truncated blob usually surfaces as a decompressor error; say "truncated" when that is what happened.
        try
        {
            _blob.DrainAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (VigilException v)
        {
            return v;
        }
        catch (IOException)
        {
        }
        return new VigilException(ErrorKind.InvalidInput,
            $"{_what}: corrupt {Compression} data after {_blob.BytesRead} compressed bytes: {e.Message}",
            "the layer blob is damaged; pull or save the image again", e);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _decoded.Dispose();
            _blob.Dispose();
            _diffHash.Dispose();
        }
        base.Dispose(disposing);
    }

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
}
