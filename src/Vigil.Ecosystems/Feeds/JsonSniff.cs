using System.Text.Json;

namespace Vigil.Ecosystems.Feeds;

/// <summary>Peeks at the start of a JSON document (possibly cut short) to recognise its shape.</summary>
public static class JsonSniff
{
    /// <summary>The top-level property names readable within <paramref name="head"/>, with the token type of each value.</summary>
    public static IReadOnlyList<(string Name, JsonTokenType Value)> TopLevelProperties(ReadOnlySpan<byte> head, int max = 32)
    {
        var result = new List<(string, JsonTokenType)>();
        head = FeedContent.SkipBomAndSpace(head);
        var reader = new Utf8JsonReader(head, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return result;
            while (result.Count < max && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!reader.Read()) break;
                result.Add((name, reader.TokenType));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) break;
            }
        }
        catch (JsonException)
        {
            // A head is a prefix and may be cut mid-token or be no JSON at all: what was read stands.
        }
        return result;
    }

    /// <summary>The first property name inside the value of the first top-level property (Debian tracker JSON: package → CVE).</summary>
    public static (string? Outer, string? Inner) FirstNestedPropertyName(ReadOnlySpan<byte> head)
    {
        head = FeedContent.SkipBomAndSpace(head);
        var reader = new Utf8JsonReader(head, isFinalBlock: false, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (null, null);
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return (null, null);
            var outer = reader.GetString();
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (outer, null);
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return (outer, null);
            return (outer, reader.GetString());
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    public static bool HasTopLevel(ReadOnlySpan<byte> head, string name) => TopLevelProperties(head).Any(p => p.Name == name);
}
