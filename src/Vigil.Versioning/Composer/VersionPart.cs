namespace Vigil.Versioning.Composer;

/// <summary>
/// One part of a version as PHP's <c>version_compare</c> splits it: a run of digits (<see cref="Digits"/>, without
/// leading zeros) or a run of letters, of which only its special-form weight (<see cref="Rank"/>) matters.
/// </summary>
internal readonly record struct VersionPart(sbyte Rank, string? Digits)
{
    /// <summary>PHP weighs a number as the special form '#' when it meets a word.</summary>
    public const sbyte NumberRank = 4;

    public bool IsNumber => Digits is not null;

    public static VersionPart Number(ReadOnlySpan<char> digits) => new(NumberRank, NumericText.Normalize(digits));

    public static VersionPart Word(ReadOnlySpan<char> letters) => new(RankOf(letters), null);

    /// <summary>
    /// PHP's special forms, matched as case-sensitive prefixes: dev 0, alpha/a 1, beta/b 2, RC/rc 3, pl/p 5; any other
    /// word -1, below all of them. So "bedrock" weighs as beta and "post" or "pre" as a patch level, as in PHP.
    /// </summary>
    public static sbyte RankOf(ReadOnlySpan<char> w) =>
        w.StartsWith("dev", StringComparison.Ordinal) ? (sbyte)0
        : w[0] == 'a' ? (sbyte)1
        : w[0] == 'b' ? (sbyte)2
        : w.StartsWith("RC", StringComparison.Ordinal) || w.StartsWith("rc", StringComparison.Ordinal) ? (sbyte)3
        : w[0] == 'p' ? (sbyte)5
        : (sbyte)-1;
}
