using System.Text;

namespace Vigil.Ecosystems.Os;

/// <summary>Reads os-release(5): KEY=value lines, values optionally quoted with shell-style escapes.</summary>
public static class OsReleaseParser
{
    public static IReadOnlyDictionary<string, string> Parse(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            result[line[..eq].Trim()] = Unquote(line[(eq + 1)..].Trim());
        }
        return result;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            var inner = value[1..^1];
            if (value[0] == '\'') return inner;
            var sb = new StringBuilder(inner.Length);
            for (var i = 0; i < inner.Length; i++)
            {
                if (inner[i] == '\\' && i + 1 < inner.Length) i++;
                sb.Append(inner[i]);
            }
            return sb.ToString();
        }
        return value;
    }
}
