namespace Vigil.Versioning.Apk;

/// <summary>Token kinds of an Alpine version in the order apk-tools ranks them; the order is the semantics.</summary>
internal enum ApkToken
{
    InitialDigit,
    Digit,
    Letter,
    Suffix,
    SuffixNumber,
    CommitHash,
    RevisionNumber,
    End,
    Invalid,
}

/// <summary>
/// apk-tools' version grammar, <c>digit{.digit}...{letter}{_suf{#}}...{~hash}{-r#}</c>, read one token at a time
/// without allocating. The ranks, the leading-zero rule and the commit hash follow apk-tools 3 (src/version.c);
/// digits after a letter are accepted as apk-tools 2 accepts them.
/// </summary>
internal ref struct ApkTokenizer
{
    // Pre-release suffixes rank below "no suffix" (None), post-release ones above it.
    public const int SuffixInvalid = 0, SuffixNone = 5;

    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    public ApkTokenizer(ReadOnlySpan<char> text)
    {
        _text = text;
        _pos = 0;
        Token = ApkToken.InitialDigit;
        ParseDigits();
    }

    public ApkToken Token { get; private set; }

    public ReadOnlySpan<char> Value { get; private set; }

    /// <summary>The numeric value; apk accumulates in a uint64 and wraps, so this does too.</summary>
    public ulong Number { get; private set; }

    public int Suffix { get; private set; }

    /// <summary>Where the current token's text starts, for error messages.</summary>
    public int Position { get; private set; }

    public void Next()
    {
        Position = _pos;
        if (_pos >= _text.Length)
        {
            Token = ApkToken.End;
            return;
        }

        var c = _text[_pos];
        switch (c)
        {
            case >= 'a' and <= 'z':
                if (Token > ApkToken.Digit) goto default;
                Value = _text.Slice(_pos, 1);
                Token = ApkToken.Letter;
                _pos++;
                return;
            case '.' or (>= '0' and <= '9'):
                if (c == '.')
                {
                    if (Token > ApkToken.Digit) goto default;
                    _pos++;
                }

                // apk-tools 3 refuses digits right after a letter; apk-tools 2, which Alpine shipped until 3.22,
                // reads them as a new number, and real packages rely on it (opensmtpd 6.0.3p1-r3).
                if (Token is ApkToken.InitialDigit or ApkToken.Digit || (Token == ApkToken.Letter && c != '.')) Token = ApkToken.Digit;
                else if (Token == ApkToken.Suffix) Token = ApkToken.SuffixNumber;
                else goto default;
                ParseDigits();
                return;
            case '_':
            {
                if (Token > ApkToken.SuffixNumber) goto default;
                var start = ++_pos;
                while (_pos < _text.Length && _text[_pos] is >= 'a' and <= 'z') _pos++;
                Value = _text[start.._pos];
                Suffix = SuffixValue(Value);
                if (Suffix == SuffixInvalid) goto default;
                Token = ApkToken.Suffix;
                return;
            }
            case '~':
            {
                if (Token >= ApkToken.CommitHash) goto default;
                var start = ++_pos;
                while (_pos < _text.Length && char.IsAsciiHexDigit(_text[_pos])) _pos++;
                Value = _text[start.._pos];
                if (Value.IsEmpty) goto default;
                Token = ApkToken.CommitHash;
                return;
            }
            case '-':
                if (Token >= ApkToken.RevisionNumber) goto default;
                if (_pos + 1 >= _text.Length || _text[_pos + 1] != 'r') goto default;
                _pos += 2;
                Token = ApkToken.RevisionNumber;
                ParseDigits();
                return;
            default:
                Token = ApkToken.Invalid;
                return;
        }
    }

    private void ParseDigits()
    {
        var start = _pos;
        ulong n = 0;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            n = unchecked((n * 10) + (ulong)(_text[_pos] - '0'));
            _pos++;
        }

        Number = n;
        Value = _text[start.._pos];
        if (Value.IsEmpty) Token = ApkToken.Invalid;
    }

    private static int SuffixValue(ReadOnlySpan<char> s) => s switch
    {
        "alpha" => 1,
        "beta" => 2,
        "pre" => 3,
        "rc" => 4,
        "cvs" => 6,
        "svn" => 7,
        "git" => 8,
        "hg" => 9,
        "p" => 10,
        _ => SuffixInvalid,
    };
}
