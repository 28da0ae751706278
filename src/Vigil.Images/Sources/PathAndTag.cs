namespace Vigil.Images.Sources;

/// <summary>Splits <c>PATH[:TAG]</c> where the path itself may contain colons: the longest prefix that exists is the path.</summary>
internal static class PathAndTag
{
    public static (string Path, string? Tag) Split(string location, Func<string, bool> exists)
    {
        if (exists(location)) return (location, null);
        for (var i = location.LastIndexOf(':'); i > 0; i = location.LastIndexOf(':', i - 1))
        {
            var path = location[..i];
            if (exists(path)) return (path, location[(i + 1)..]);
            if (i == 0) break;
        }
        return (location, null);
    }
}
