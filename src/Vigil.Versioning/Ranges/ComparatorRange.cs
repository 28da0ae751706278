using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Ranges;

/// <summary>
/// A scheme-neutral range: comparators joined by ',' (all must hold), alternatives joined by '||'.
/// Comparators: <c>&lt; &lt;= &gt; &gt;= = == !=</c> followed by a version, e.g. <c>&gt;= 1.0, &lt; 2.0 || = 3.1</c>.
/// </summary>
public sealed class ComparatorRange : IVersionRange
{
    private readonly (Op Op, IVersion Version)[][] _alternatives;

    private ComparatorRange(string original, (Op, IVersion)[][] alternatives)
    {
        Original = original;
        _alternatives = alternatives;
    }

    public string Original { get; }

    private enum Op { Lt, Le, Gt, Ge, Eq, Ne }

    public static bool TryParse(IVersionScheme scheme, string text, [NotNullWhen(true)] out ComparatorRange? range, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "range is empty";
            return false;
        }

        var alternatives = new List<(Op, IVersion)[]>();
        foreach (var alt in text.Split("||"))
        {
            var comparators = new List<(Op, IVersion)>();
            foreach (var raw in alt.Split(','))
            {
                var c = raw.AsSpan().Trim();
                if (c.IsEmpty)
                {
                    reason = $"empty comparator in '{text}'";
                    return false;
                }

                Op op;
                int len;
                if (c.StartsWith("<=")) (op, len) = (Op.Le, 2);
                else if (c.StartsWith(">=")) (op, len) = (Op.Ge, 2);
                else if (c.StartsWith("==")) (op, len) = (Op.Eq, 2);
                else if (c.StartsWith("!=")) (op, len) = (Op.Ne, 2);
                else if (c.StartsWith("<")) (op, len) = (Op.Lt, 1);
                else if (c.StartsWith(">")) (op, len) = (Op.Gt, 1);
                else if (c.StartsWith("=")) (op, len) = (Op.Eq, 1);
                else
                {
                    reason = $"comparator '{c}' must start with <, <=, >, >=, =, == or !=";
                    return false;
                }

                var vtext = c[len..].Trim().ToString();
                if (!scheme.TryParse(vtext, out var v, out var why))
                {
                    reason = $"'{vtext}' in '{text}': {why}";
                    return false;
                }

                comparators.Add((op, v));
            }

            alternatives.Add([.. comparators]);
        }

        range = new ComparatorRange(text, [.. alternatives]);
        reason = null;
        return true;
    }

    public bool Contains(IVersion version)
    {
        foreach (var alt in _alternatives)
        {
            var all = true;
            foreach (var (op, v) in alt)
            {
                var c = version.CompareTo(v);
                var ok = op switch
                {
                    Op.Lt => c < 0,
                    Op.Le => c <= 0,
                    Op.Gt => c > 0,
                    Op.Ge => c >= 0,
                    Op.Eq => c == 0,
                    _ => c != 0,
                };
                if (!ok)
                {
                    all = false;
                    break;
                }
            }

            if (all) return true;
        }

        return false;
    }

    public override string ToString() => Original;
}
