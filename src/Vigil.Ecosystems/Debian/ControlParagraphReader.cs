using System.Text;

namespace Vigil.Ecosystems.Debian;

/// <summary>One paragraph of a deb822 file, with the line it started on (1-based) for error messages.</summary>
public sealed record ControlParagraph(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string? this[string field] => Fields.TryGetValue(field, out var v) ? v : null;
}

/// <summary>A line that is neither "Field: value" nor a continuation.</summary>
public sealed record ControlProblem(int Line, string Text);

/// <summary>
/// Reads deb822 paragraphs (dpkg's status file, status.d entries). Field names are case-insensitive,
/// continuation lines (leading space or tab) are folded into the previous field, and malformed lines
/// are reported rather than silently dropped: a damaged database must not read as a smaller one.
/// </summary>
public static class ControlParagraphReader
{
    public static (IReadOnlyList<ControlParagraph> Paragraphs, IReadOnlyList<ControlProblem> Problems) Read(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var paragraphs = new List<ControlParagraph>();
        var problems = new List<ControlProblem>();
        Dictionary<string, string>? fields = null;
        string? lastField = null;
        var start = 0;
        var lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                if (fields is not null) paragraphs.Add(new ControlParagraph(start, fields));
                fields = null;
                lastField = null;
                continue;
            }
            if (line[0] is ' ' or '\t')
            {
                if (fields is null || lastField is null)
                {
                    problems.Add(new ControlProblem(lineNo, line));
                    continue;
                }
                // Only the first line of a multi-line field matters to a scanner; keep the rest bounded.
                var existing = fields[lastField];
                if (existing.Length < 4096) fields[lastField] = existing + "\n" + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                problems.Add(new ControlProblem(lineNo, line));
                continue;
            }
            if (fields is null)
            {
                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                start = lineNo;
            }
            lastField = line[..colon];
            fields[lastField] = line[(colon + 1)..].Trim();
        }
        if (fields is not null) paragraphs.Add(new ControlParagraph(start, fields));
        return (paragraphs, problems);
    }
}
