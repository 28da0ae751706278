namespace Vigil.TestKit;

/// <summary>The demo feeds the repository carries (samples/feeds), for tests that need a real database quickly.</summary>
public static class SampleFeeds
{
    public static IReadOnlyList<string> All =>
        Directory.GetFiles(RepoPaths.Combine("samples", "feeds"), "*.json").Order(StringComparer.Ordinal).ToList();
}
