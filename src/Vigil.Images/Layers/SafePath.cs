namespace Vigil.Images.Layers;

/// <summary>
/// Normalises paths found in tarballs and links to Vigil's root-relative form (no leading slash, '/' separated,
/// no "." or ".." parts). A ".." that climbs above the root is an escape: refused for entry names, clamped for symlinks.
/// </summary>
public static class SafePath
{
    /// <summary>Normalises an entry name; false when it climbs out of the root (docker refuses such layers).</summary>
    public static bool TryNormalize(string name, out string normalized)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    normalized = "";
                    return false;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        normalized = string.Join('/', parts);
        return true;
    }

    /// <summary>Normalises a lookup path; ".." above the root stays at the root, as it does in a chroot.</summary>
    public static string Clamp(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>The parent of a normalised path ("" for a top-level name).</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>The last part of a normalised path.</summary>
    public static string FileName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    public static string Combine(string directory, string name) => directory.Length == 0 ? name : $"{directory}/{name}";
}
