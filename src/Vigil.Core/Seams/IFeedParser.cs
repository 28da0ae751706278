using Vigil.Core.Model;

namespace Vigil.Core.Seams;

/// <summary>
/// An input to import, already on local disk (URLs are downloaded first).
/// <paramref name="Head"/> holds the first bytes of a file (empty for a directory) so parsers can recognise content.
/// </summary>
public sealed record FeedInput(string Source, string LocalPath, bool IsDirectory, ReadOnlyMemory<byte> Head);

/// <summary>Reads one advisory format. Recognition is by content, never by the name the user gave.</summary>
public interface IFeedParser
{
    /// <summary>The feed id stored with each advisory: debian, alpine, osv, nvd.</summary>
    string Feed { get; }

    /// <summary>The concrete format, for provenance: debian-tracker-json, debian-tracker-lists, alpine-secdb-json …</summary>
    string Format { get; }

    bool Recognizes(FeedInput input);

    IAsyncEnumerable<Advisory> ParseAsync(FeedInput input, CancellationToken cancellationToken);
}
