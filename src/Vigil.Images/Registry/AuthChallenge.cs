using System.Net.Http.Headers;

namespace Vigil.Images.Registry;

/// <summary>One WWW-Authenticate challenge: <c>Bearer realm="…",service="…",scope="…"</c> or <c>Basic realm="…"</c>.</summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>The first challenge Vigil can answer (Bearer before Basic), or null.</summary>
    public static AuthChallenge? From(HttpResponseHeaders headers)
    {
        AuthChallenge? basic = null;
        foreach (var h in headers.WwwAuthenticate)
        {
            var c = new AuthChallenge(h.Scheme, ParseParameters(h.Parameter));
            if (c.IsBearer) return c;
            if (c.IsBasic) basic ??= c;
        }
        return basic;
    }

    /// <summary>Parses <c>k="v", k2=v2</c>; quoted values may hold commas and escaped quotes.</summary>
    public static IReadOnlyDictionary<string, string> ParseParameters(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(text)) return result;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
            var eq = text.IndexOf('=', i);
            if (eq < 0) break;
            var key = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }
                i++;
                value = sb.ToString();
            }
            else
            {
                var end = text.IndexOf(',', i);
                if (end < 0) end = text.Length;
                value = text[i..end].Trim();
                i = end;
            }
            if (key.Length > 0) result[key] = value;
        }
        return result;
    }
}
