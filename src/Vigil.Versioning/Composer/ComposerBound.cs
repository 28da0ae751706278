using System.Diagnostics.CodeAnalysis;

namespace Vigil.Versioning.Composer;

/// <summary>
/// One composer/semver <c>Constraint</c> (operator and normalized version), a branch constraint (<c>dev-name</c>), or
/// <c>MatchAllConstraint</c> (<c>*</c>).
/// </summary>
internal sealed class ComposerBound
{
    private ComposerBound(BoundOp op, string? version, VersionPart[] parts)
    {
        Op = op;
        Version = version;
        _parts = parts;
    }

    private readonly VersionPart[] _parts;

    internal enum BoundOp { All, Eq, Ne, Lt, Le, Gt, Ge }

    public static ComposerBound MatchAll { get; } = new(BoundOp.All, null, []);

    public BoundOp Op { get; }

    /// <summary>The normalized version as composer/semver holds it, e.g. 1.2.0.0-dev.</summary>
    public string? Version { get; }

    private bool IsBranch => Version is not null && Version.StartsWith("dev-", StringComparison.Ordinal);

    /// <summary>A bound on <paramref name="normalized"/>; false when the text is not something version_compare reads cleanly.</summary>
    public static bool TryCreate(string op, string normalized, [NotNullWhen(true)] out ComposerBound? bound, [NotNullWhen(false)] out string? reason)
    {
        bound = null;
        var boundOp = op switch
        {
            "=" or "==" => BoundOp.Eq,
            "!=" or "<>" => BoundOp.Ne,
            "<" => BoundOp.Lt,
            "<=" => BoundOp.Le,
            ">" => BoundOp.Gt,
            _ => BoundOp.Ge,
        };
        var parts = Array.Empty<VersionPart>();
        if (!normalized.StartsWith("dev-", StringComparison.Ordinal) && !PhpVersionOrder.TrySplit(normalized, out parts, out var why))
        {
            reason = $"bound '{normalized}': {why}";
            return false;
        }

        bound = new ComposerBound(boundOp, normalized, parts);
        reason = null;
        return true;
    }

    /// <summary>
    /// Constraint::matchSpecific against the provider <c>== version</c>, as Semver::satisfies asks it. A branch bound
    /// matches no version except through <c>!=</c>, because Vigil's versions are never branches.
    /// </summary>
    public bool Matches(VersionPart[] version)
    {
        if (Op == BoundOp.All) return true;
        if (IsBranch) return Op == BoundOp.Ne;
        var c = PhpVersionOrder.Compare(version, _parts);
        return Op switch
        {
            BoundOp.Eq => c == 0,
            BoundOp.Ne => c != 0,
            BoundOp.Lt => c < 0,
            BoundOp.Le => c <= 0,
            BoundOp.Gt => c > 0,
            _ => c >= 0,
        };
    }

    public override string ToString() => Op switch
    {
        BoundOp.All => "*",
        BoundOp.Eq => "== " + Version,
        BoundOp.Ne => "!= " + Version,
        BoundOp.Lt => "< " + Version,
        BoundOp.Le => "<= " + Version,
        BoundOp.Gt => "> " + Version,
        _ => ">= " + Version,
    };
}
