using Vigil.Core.Seams;

namespace Vigil.TestKit;

/// <summary>Builds the <see cref="FeedInput"/> the importer would build for a path, so parser tests see what production sees.</summary>
public static class FeedInputs
{
    public static FeedInput For(string path)
    {
        if (Directory.Exists(path)) return new FeedInput(path, path, true, ReadOnlyMemory<byte>.Empty);
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(64 * 1024, stream.Length)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return new FeedInput(path, path, false, buffer.AsMemory(0, read));
    }

    public static async Task<List<Core.Model.Advisory>> ParseAllAsync(IFeedParser parser, string path)
    {
        var list = new List<Core.Model.Advisory>();
        await foreach (var a in parser.ParseAsync(For(path), CancellationToken.None)) list.Add(a);
        return list;
    }
}
