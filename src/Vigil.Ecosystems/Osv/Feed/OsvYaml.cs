using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Ecosystems.Osv.Feed;

/// <summary>OSV written as YAML (pypa/advisory-database) turned into the JSON tree the JSON reader takes.</summary>
internal static class OsvYaml
{
    public static JsonNode? ToJson(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Feeds.FeedContent.Malformed(source, $"is not valid YAML (line {e.Start.Line}: {e.Message})", e);
        }
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    // Every scalar becomes a string: OSV's values are strings (versions, dates), and "1.0" must not turn into 1.
    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => null,
    };
}
