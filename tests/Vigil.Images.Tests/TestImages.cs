using Vigil.Core;
using Vigil.Core.Seams;
using Vigil.Images.Layers;
using Vigil.Images.Sources;
using Xunit;

namespace Vigil.Images.Tests;

/// <summary>Shortcuts the image tests share.</summary>
internal static class TestImages
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<IImage> OpenAsync(string reference, ImageOpenOptions? options = null) =>
        ImageOpener.OpenAsync(reference, options ?? new ImageOpenOptions(), Ct);

    public static async Task<IFileTree> SquashAsync(string reference, params string[] required)
    {
        await using var image = await OpenAsync(reference);
        return await Squasher.SquashAsync(image, p => required.Contains(p), null, Ct);
    }

    public static string ReadText(IFileTree tree, string path, int? layer = null)
    {
        using var s = tree.OpenRead(path, layer);
        return new StreamReader(s).ReadToEnd();
    }

    /// <summary>Reads every layer to its end (which is when digests are checked).</summary>
    public static async Task ReadAllLayersAsync(IImage image)
    {
        for (var i = 0; i < image.Info.Layers.Count; i++)
        {
            await using var s = await image.OpenLayerAsync(i, Ct);
            await s.CopyToAsync(Stream.Null, Ct);
        }
    }

    public static async Task<VigilException> ThrowsVigilAsync(ErrorKind kind, Func<Task> action, params string[] messageParts)
    {
        var e = await Assert.ThrowsAnyAsync<VigilException>(action);
        Assert.True(e.Kind == kind, $"expected {kind}, got {e.Kind}: {e.Message}");
        foreach (var part in messageParts) Assert.Contains(part, e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Hint), $"no hint for: {e.Message}");
        return e;
    }
}
