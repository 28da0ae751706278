using Vigil.Core.Model;
using Vigil.Core.Seams;

namespace Vigil.Ecosystems.Common;

/// <summary>
/// Tells which layer introduced each entry of a database file (dpkg status, apk installed) that several layers rewrote.
/// An entry was introduced by the earliest layer from which every later copy of the file still holds it unchanged,
/// so an upgrade in a later layer is attributed to that later layer (as Syft and Trivy do).
/// </summary>
public static class LayerAttribution
{
    /// <param name="keysOf">Reads one layer's copy of the file into the keys (e.g. name/version/arch) it holds; null when that copy cannot be read.</param>
    public static IReadOnlyDictionary<string, int> IntroducedBy(IFileTree files, string path, Func<Stream, IReadOnlySet<string>?> keysOf)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var history = files.History(path);
        if (history.Count == 0) return result;

        // Walk newest to oldest; a key keeps moving back while each older copy still has it.
        IReadOnlySet<string>? alive = null;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var version = history[i];
            if (version.Deleted) break;
            IReadOnlySet<string>? keys;
            try
            {
                using var stream = files.OpenRead(path, version.LayerIndex);
                keys = keysOf(stream);
            }
            catch (Vigil.Core.VigilException)
            {
                keys = null;
            }
            if (keys is null) break;
            if (alive is null)
            {
                foreach (var k in keys) result[k] = version.LayerIndex;
                alive = keys;
                continue;
            }
            var still = new HashSet<string>(StringComparer.Ordinal);
            foreach (var k in alive)
            {
                if (keys.Contains(k))
                {
                    result[k] = version.LayerIndex;
                    still.Add(k);
                }
            }
            if (still.Count == 0) break;
            alive = still;
        }
        return result;
    }

    /// <summary>The DiffID of a layer index, or null for -1 / out of range.</summary>
    public static string? DiffIdOf(IFileTree files, int layerIndex) =>
        layerIndex >= 0 && layerIndex < files.Layers.Count ? files.Layers[layerIndex].DiffId.ToString() : null;
}
