namespace Vigil.Versioning.Maven;

/// <summary>
/// Builds the item tree that Maven 3.9's <c>ComparableVersion.parseVersion</c> builds. Every string is a Maven
/// version (Maven never refuses one), so parsing cannot fail.
/// </summary>
internal static class MavenParser
{
    // Lists are mutable while parsing, then frozen.
    private sealed class Node
    {
        public readonly List<object> Items = [];

        public Node Open()
        {
            var child = new Node();
            Items.Add(child);
            return child;
        }
    }

    public static MavenList Parse(string text)
    {
        var s = text.ToLowerInvariant();
        var root = new Node();
        var list = root;
        var isDigit = false;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.' || c == '-')
            {
                list.Items.Add(i == start ? MavenNumber.Zero : Item(isDigit, s[start..i]));
                start = i + 1;
                if (c == '-') list = list.Open();
            }
            else if (char.IsDigit(c))
            {
                // Maven tests Character.isDigit, so any Unicode decimal digit counts.
                if (!isDigit && i > start)
                {
                    // "1.0.0.X1" sorts below "1.0.0-X2" (MNG-7644): a word before digits opens a sub-list.
                    if (list.Items.Count > 0) list = list.Open();
                    list.Items.Add(new MavenQualifier(s[start..i], followedByDigit: true));
                    start = i;
                    list = list.Open();
                }

                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Items.Add(Number(s[start..i]));
                    start = i;
                    list = list.Open();
                }

                isDigit = false;
            }
        }

        if (s.Length > start)
        {
            // A trailing ".X" reads as "-X" (MNG-7644): 2.0.X == 2-X.
            if (!isDigit && list.Items.Count > 0) list = list.Open();
            list.Items.Add(Item(isDigit, s[start..]));
        }

        return Freeze(root);
    }

    // Children first, as Maven normalises its stack innermost first: a list sees its sub-lists already trimmed.
    private static MavenList Freeze(Node node)
    {
        var items = new List<MavenItem>(node.Items.Count);
        foreach (var x in node.Items) items.Add(x is Node child ? Freeze(child) : (MavenItem)x);
        return Normalize(items);
    }

    private static MavenItem Item(bool isDigit, string buf) => isDigit ? Number(buf) : new MavenQualifier(buf, followedByDigit: false);

    private static MavenNumber Number(string digits)
    {
        // Non-ASCII decimal digits become their ASCII values so that numbers compare exactly.
        Span<char> ascii = digits.Length <= 256 ? stackalloc char[digits.Length] : new char[digits.Length];
        for (var i = 0; i < digits.Length; i++) ascii[i] = (char)('0' + (int)char.GetNumericValue(digits[i]));
        var trimmed = ((ReadOnlySpan<char>)ascii).TrimStart('0');
        return trimmed.IsEmpty ? MavenNumber.Zero : new MavenNumber(trimmed.ToString());
    }

    private static bool IsNull(MavenItem item) => item switch
    {
        MavenNumber n => n.IsZero,
        MavenQualifier q => q.IsNull,
        _ => ((MavenList)item).Items.Length == 0,
    };

    // Drop trailing nulls (0, release words, empty lists), looking past lists but stopping at anything else.
    private static MavenList Normalize(List<MavenItem> items)
    {
        for (var i = items.Count - 1; i >= 0; i--)
        {
            if (IsNull(items[i])) items.RemoveAt(i);
            else if (items[i] is not MavenList) break;
        }

        return new MavenList([.. items]);
    }
}
