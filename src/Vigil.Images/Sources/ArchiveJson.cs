using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Vigil.Core;

namespace Vigil.Images.Sources;

/// <summary>Reads a JSON document of a layout or tarball (index.json, manifest.json, a config), naming it when it is broken.</summary>
internal static class ArchiveJson
{
    public static async Task<T> ReadAsync<T>(IArchiveFiles files, string path, JsonTypeInfo<T> type, string hint, CancellationToken cancellationToken)
    {
        await using var s = files.Open(path);
        try
        {
            return await JsonSerializer.DeserializeAsync(s, type, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw new VigilException(ErrorKind.InvalidInput, $"{path} in {files.Location} is not valid JSON: {e.Message}", hint, e);
        }
    }
}
