namespace Vigil.Versioning.Maven;

/// <summary>One node of a parsed Maven version: the tree <c>ComparableVersion</c> builds, kept immutable.</summary>
internal abstract class MavenItem;

/// <summary>A digit run, kept as its digits without leading zeros so that any length compares exactly.</summary>
internal sealed class MavenNumber(string digits) : MavenItem
{
    public static readonly MavenNumber Zero = new("0");

    public string Digits { get; } = digits;

    public bool IsZero => Digits.Length == 1 && Digits[0] == '0';

    public override string ToString() => Digits;
}

/// <summary>A word such as <c>alpha</c>, <c>sp</c> or <c>redhat</c>.</summary>
internal sealed class MavenQualifier : MavenItem
{
    // The order of the well-known qualifiers; "" (a release) sits between snapshot and sp.
    private static readonly string[] Known = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];

    /// <summary>The sort key of a release (no qualifier, or ga/final/release).</summary>
    public const string ReleaseKey = "5";

    public MavenQualifier(string value, bool followedByDigit)
    {
        if (followedByDigit && value.Length == 1)
        {
            // a1 = alpha-1, b1 = beta-1, m1 = milestone-1
            value = value[0] switch { 'a' => "alpha", 'b' => "beta", 'm' => "milestone", _ => value };
        }

        Value = value switch { "cr" => "rc", "ga" or "final" or "release" => "", _ => value };
        var i = Array.IndexOf(Known, Value);
        Key = i >= 0 ? ((char)('0' + i)).ToString() : string.Concat("7-", Value);
    }

    public string Value { get; }

    /// <summary>Known qualifiers map to their rank ("0".."6"), unknown ones to "7-word", so ordinal order is Maven's.</summary>
    public string Key { get; }

    /// <summary>A release word: it reads as nothing at all.</summary>
    public bool IsNull => Value.Length == 0;

    public override string ToString() => Value;
}

/// <summary>A sub-list, opened by <c>-</c> or by a switch between letters and digits.</summary>
internal sealed class MavenList(MavenItem[] items) : MavenItem
{
    public MavenItem[] Items { get; } = items;

    public override string ToString() =>
        string.Concat(Items.Select((item, i) => (i == 0 ? "" : item is MavenList ? "-" : ".") + item));
}
