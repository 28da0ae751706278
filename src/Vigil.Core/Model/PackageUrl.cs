using System.Text;

namespace Vigil.Core.Model;

/// <summary>Builds package URLs as the purl specification writes them (percent-encoding, sorted qualifiers).</summary>
public static class PackageUrl
{
    public static string Build(string type, string? @namespace, string name, string? version,
        IEnumerable<KeyValuePair<string, string?>>? qualifiers = null, string? subpath = null)
    {
        var sb = new StringBuilder("pkg:").Append(type.ToLowerInvariant()).Append('/');
        if (!string.IsNullOrEmpty(@namespace))
        {
            foreach (var segment in @namespace.Split('/', StringSplitOptions.RemoveEmptyEntries))
                sb.Append(Encode(segment)).Append('/');
        }
        sb.Append(Encode(name));
        if (!string.IsNullOrEmpty(version)) sb.Append('@').Append(Encode(version));
        if (qualifiers is not null)
        {
            var q = qualifiers.Where(kv => !string.IsNullOrEmpty(kv.Value))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => $"{kv.Key.ToLowerInvariant()}={Encode(kv.Value!)}")
                .ToList();
            if (q.Count > 0) sb.Append('?').Append(string.Join('&', q));
        }
        if (!string.IsNullOrEmpty(subpath)) sb.Append('#').Append(string.Join('/', subpath.Split('/').Select(Encode)));
        return sb.ToString();
    }

    /// <summary>Percent-encodes everything but the purl spec's unreserved characters (':' too, which the spec allows bare).</summary>
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or ':') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
