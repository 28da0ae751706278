using Xunit;

namespace Vigil.TestKit;

/// <summary>
/// The read-only ../shared folder beside the repository (real advisories, package databases, version vectors).
/// Tests that need it call <see cref="Require"/>, which skips with a clear reason where it is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RootPath = new(FindRoot);

    /// <summary>The shared/ folder, or null when this checkout has none beside it.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>The absolute path of <paramref name="relative"/> under shared/, or a skip when it is missing.</summary>
    public static string Require(string relative)
    {
        if (Root is null)
        {
            Assert.Skip($"../shared is not beside the repository ({RepoPaths.Root}); this test reads real data from shared/{relative}. Set VIGIL_SHARED to its path to run it.");
        }
        var path = Path.Combine(Root!, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Skip($"shared/{relative} does not exist in {Root}; this test needs it.");
        }
        return path;
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("VIGIL_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        var beside = Path.Combine(RepoPaths.Root, "..", "shared");
        return Directory.Exists(Path.Combine(beside, "testdata")) ? Path.GetFullPath(beside) : null;
    }
}
