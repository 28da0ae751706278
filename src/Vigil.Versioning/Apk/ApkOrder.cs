namespace Vigil.Versioning.Apk;

/// <summary>apk-tools' <c>apk_version_compare</c> over any two strings, valid or not, as apk itself would order them.</summary>
public static class ApkOrder
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var ta = new ApkTokenizer(a);
        var tb = new ApkTokenizer(b);
        while (ta.Token == tb.Token && ta.Token < ApkToken.End)
        {
            var c = CompareToken(ref ta, ref tb);
            if (c != 0) return c;
            ta.Next();
            tb.Next();
        }

        if (ta.Token == tb.Token) return 0;

        // Equal so far: the longer one is newer, unless what it has next is a pre-release suffix.
        if (ta.Token == ApkToken.Suffix && ta.Suffix < ApkTokenizer.SuffixNone) return -1;
        if (tb.Token == ApkToken.Suffix && tb.Suffix < ApkTokenizer.SuffixNone) return 1;
        if (ta.Token > tb.Token) return -1;
        if (tb.Token > ta.Token) return 1;
        return 0;
    }

    /// <summary>Whether apk would accept <paramref name="text"/> as a version; on failure, where it stops.</summary>
    internal static bool Validate(ReadOnlySpan<char> text, out int invalidAt)
    {
        var t = new ApkTokenizer(text);
        while (t.Token < ApkToken.End) t.Next();
        invalidAt = t.Position;
        return t.Token == ApkToken.End;
    }

    /// <summary>Hashes the token sequence so that versions <see cref="Compare"/> calls equal hash alike.</summary>
    internal static int Hash(ReadOnlySpan<char> text)
    {
        var hash = new HashCode();
        var t = new ApkTokenizer(text);
        for (; t.Token < ApkToken.End; t.Next())
        {
            hash.Add((int)t.Token);
            switch (t.Token)
            {
                case ApkToken.Digit when t.Value[0] != '0':
                case ApkToken.InitialDigit or ApkToken.SuffixNumber or ApkToken.RevisionNumber:
                    hash.Add(t.Number);
                    break;
                case ApkToken.Suffix:
                    hash.Add(t.Suffix);
                    break;
                default:
                    foreach (var c in t.Value) hash.Add(c);
                    break;
            }
        }

        hash.Add((int)t.Token);
        return hash.ToHashCode();
    }

    private static int CompareToken(ref ApkTokenizer ta, ref ApkTokenizer tb)
    {
        ulong a, b;
        switch (ta.Token)
        {
            // A fractional part with a leading zero sorts as a string, as Gentoo's rules say.
            case ApkToken.Digit when ta.Value[0] == '0' || tb.Value[0] == '0':
                return Sign(ta.Value.SequenceCompareTo(tb.Value));
            case ApkToken.Digit or ApkToken.InitialDigit or ApkToken.SuffixNumber or ApkToken.RevisionNumber:
                a = ta.Number;
                b = tb.Number;
                break;
            case ApkToken.Letter:
                a = ta.Value[0];
                b = tb.Value[0];
                break;
            case ApkToken.Suffix:
                a = (ulong)ta.Suffix;
                b = (ulong)tb.Suffix;
                break;
            default:
                return Sign(ta.Value.SequenceCompareTo(tb.Value));
        }

        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static int Sign(int c) => c < 0 ? -1 : c > 0 ? 1 : 0;
}
