namespace Vigil.Versioning.Maven;

/// <summary>
/// <c>ComparableVersion</c>'s item comparison. <c>null</c> stands for an absent item (the shorter side of a list), as
/// in Maven; the result's sign is what counts. Nothing here allocates.
/// </summary>
internal static class MavenOrder
{
    public static int Compare(MavenItem a, MavenItem? b)
    {
        switch (a)
        {
            case MavenNumber n:
                return b switch
                {
                    null => n.IsZero ? 0 : 1, // 1.0 == 1, 1.1 > 1
                    MavenNumber m => NumericText.Compare(n.Digits, m.Digits),
                    _ => 1, // 1.1 > 1-sp, 1.1 > 1-1
                };
            case MavenQualifier q:
                return b switch
                {
                    null => Keys(q.Key, MavenQualifier.ReleaseKey), // 1-rc < 1, 1-sp > 1
                    MavenNumber => -1,
                    MavenQualifier r => Keys(q.Key, r.Key),
                    _ => -1, // 1.any < 1-1
                };
            default:
                var list = (MavenList)a;
                return b switch
                {
                    null => AgainstAbsent(list),
                    MavenNumber => -1, // 1-1 < 1.0.x
                    MavenQualifier => 1, // 1-1 > 1-sp
                    _ => Lists(list, (MavenList)b),
                };
        }
    }

    public static int Lists(MavenList a, MavenList b)
    {
        var x = a.Items;
        var y = b.Items;
        var n = Math.Max(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var r = i >= x.Length ? -Compare(y[i], null) : Compare(x[i], i < y.Length ? y[i] : null);
            if (r != 0) return r;
        }

        return 0;
    }

    /// <summary>A hash that is equal for versions that compare equal: trailing items equal to nothing are left out.</summary>
    public static int OrderingHash(MavenItem item)
    {
        switch (item)
        {
            case MavenList list:
                var end = list.Items.Length;
                while (end > 0 && Compare(list.Items[end - 1], null) == 0) end--;
                var h = 1;
                for (var i = 0; i < end; i++) h = (31 * h) + OrderingHash(list.Items[i]);
                return h;
            case MavenQualifier q:
                return StringComparer.Ordinal.GetHashCode(q.Key);
            default:
                return StringComparer.Ordinal.GetHashCode(((MavenNumber)item).Digits);
        }
    }

    private static int Keys(string a, string b) => Math.Sign(string.CompareOrdinal(a, b));

    // The whole list decides, not just its first item (MNG-6964): 1-0.alpha < 1.
    private static int AgainstAbsent(MavenList list)
    {
        foreach (var item in list.Items)
        {
            var r = Compare(item, null);
            if (r != 0) return r;
        }

        return 0;
    }
}
