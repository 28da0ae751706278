namespace Vigil.Versioning.Ranges;

/// <summary>
/// The OSV schema's evaluation (IncludedInVersions / IncludedInRanges / BeforeLimits) over any version scheme.
/// Whatever cannot be parsed makes the answer <see cref="RangeVerdictKind.Indeterminate"/>, unless another range
/// or the versions list already proves the version affected.
/// </summary>
public static class OsvRangeEvaluator
{
    /// <param name="scheme">The ecosystem's scheme, used for ECOSYSTEM ranges and the versions list.</param>
    /// <param name="version">The installed version.</param>
    /// <param name="ranges">The affected ranges; SEMVER ranges are read with the semver scheme, GIT ranges are skipped
    /// (OSV requires the versions list to cover them).</param>
    /// <param name="versions">Explicitly affected versions.</param>
    public static RangeVerdict Evaluate(IVersionScheme scheme, string version, IReadOnlyList<OsvRange> ranges, IReadOnlyList<string> versions)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(versions);

        foreach (var listed in versions)
        {
            if (string.Equals(listed, version, StringComparison.Ordinal)) return new(RangeVerdictKind.Affected, $"{version} is listed as affected");
        }

        string? indeterminate = null;
        var ecosystemVersion = Parse(scheme, version, out var installedError);
        if (ecosystemVersion is not null)
        {
            foreach (var listed in versions)
            {
                if (scheme.TryParse(listed, out var lv, out _) && lv.CompareTo(ecosystemVersion) == 0)
                {
                    return new(RangeVerdictKind.Affected, $"{version} equals listed affected version {listed}");
                }
            }
        }
        else
        {
            indeterminate = $"installed version '{version}' is not a valid {scheme.Name} version: {installedError}";
        }

        IVersion? semverVersion = null;
        string? semverError = null;
        var semverParsed = false;
        foreach (var range in ranges)
        {
            IVersionScheme rangeScheme;
            IVersion? v;
            string? vError;
            switch (range.Type?.ToUpperInvariant())
            {
                case "ECOSYSTEM":
                    rangeScheme = scheme;
                    v = ecosystemVersion;
                    vError = installedError;
                    break;
                case "SEMVER":
                    if (!VersionSchemes.TryGet("semver", out var semver))
                    {
                        indeterminate ??= "SEMVER ranges are not supported by this build";
                        continue;
                    }

                    rangeScheme = semver;
                    if (!semverParsed)
                    {
                        semverVersion = Parse(semver, version, out semverError);
                        semverParsed = true;
                    }

                    v = semverVersion;
                    vError = semverError;
                    break;
                case "GIT":
                    continue;
                default:
                    indeterminate ??= $"unknown range type '{range.Type}'";
                    continue;
            }

            if (v is null)
            {
                indeterminate ??= $"installed version '{version}' is not a valid {rangeScheme.Name} version: {vError}";
                continue;
            }

            var result = Includes(rangeScheme, v, range, out var why);
            if (result == RangeVerdictKind.Affected) return new(RangeVerdictKind.Affected, why);
            if (result == RangeVerdictKind.Indeterminate) indeterminate ??= why;
        }

        return indeterminate is not null
            ? new(RangeVerdictKind.Indeterminate, indeterminate)
            : new(RangeVerdictKind.NotAffected, $"{version} is outside every affected range");
    }

    private static RangeVerdictKind Includes(IVersionScheme scheme, IVersion v, OsvRange range, out string why)
    {
        var events = new List<(IVersion? Version, int Kind, string Text, int Index)>(range.Events.Count);
        var hasLimit = false;
        var beforeLimit = false;
        var hasIntroduced = false;
        for (var i = 0; i < range.Events.Count; i++)
        {
            var e = range.Events[i];
            if (!TryKind(e, out var kind, out var text))
            {
                why = $"range event #{i + 1} must set exactly one of introduced, fixed, last_affected, limit";
                return RangeVerdictKind.Indeterminate;
            }

            if (kind == Introduced && text == "0")
            {
                hasIntroduced = true;
                events.Add((null, kind, text, i));
                continue;
            }

            if (kind == Limit)
            {
                hasLimit = true;
                if (text.Contains('*', StringComparison.Ordinal))
                {
                    beforeLimit = true;
                    continue;
                }
            }

            var parsed = Parse(scheme, text, out var error);
            if (parsed is null)
            {
                why = $"range event version '{text}' is not a valid {scheme.Name} version: {error}";
                return RangeVerdictKind.Indeterminate;
            }

            if (kind == Limit)
            {
                if (v.CompareTo(parsed) < 0) beforeLimit = true;
                continue;
            }

            hasIntroduced |= kind == Introduced;
            events.Add((parsed, kind, text, i));
        }

        if (!hasIntroduced)
        {
            why = "range has no introduced event";
            return RangeVerdictKind.Indeterminate;
        }

        if (hasLimit && !beforeLimit)
        {
            why = $"{v.Original} is at or beyond every limit";
            return RangeVerdictKind.NotAffected;
        }

        // Sorted by version, "introduced: 0" first; events at the same version keep the record's order.
        events.Sort((x, y) =>
        {
            if (x.Version is null || y.Version is null)
            {
                var c0 = (x.Version is null ? 0 : 1) - (y.Version is null ? 0 : 1);
                return c0 != 0 ? c0 : x.Index - y.Index;
            }

            var c = x.Version.CompareTo(y.Version);
            return c != 0 ? c : x.Index - y.Index;
        });

        var vulnerable = false;
        string? cause = null;
        foreach (var (ev, kind, text, _) in events)
        {
            if (kind == Introduced && (ev is null || v.CompareTo(ev) >= 0))
            {
                vulnerable = true;
                cause = $"introduced {text}";
            }
            else if (kind == Fixed && ev is not null && v.CompareTo(ev) >= 0)
            {
                vulnerable = false;
                cause = $"fixed {text}";
            }
            else if (kind == LastAffected && ev is not null && v.CompareTo(ev) > 0)
            {
                vulnerable = false;
                cause = $"last affected {text}";
            }
        }

        why = vulnerable ? $"{v.Original} is affected ({cause}{NextFix(events, v)})" : $"{v.Original} is not affected ({cause ?? "before the first introduced version"})";
        return vulnerable ? RangeVerdictKind.Affected : RangeVerdictKind.NotAffected;
    }

    private static string NextFix(List<(IVersion? Version, int Kind, string Text, int Index)> events, IVersion v)
    {
        foreach (var (ev, kind, text, _) in events)
        {
            if (ev is not null && ev.CompareTo(v) > 0 && kind == Fixed) return $", fixed in {text}";
            if (ev is not null && ev.CompareTo(v) >= 0 && kind == LastAffected) return $", last affected {text}";
        }

        return "";
    }

    private const int Introduced = 0, Fixed = 1, LastAffected = 2, Limit = 3;

    private static bool TryKind(OsvEvent e, out int kind, out string text)
    {
        kind = -1;
        text = "";
        var set = 0;
        if (e.Introduced is not null) { set++; kind = Introduced; text = e.Introduced; }
        if (e.Fixed is not null) { set++; kind = Fixed; text = e.Fixed; }
        if (e.LastAffected is not null) { set++; kind = LastAffected; text = e.LastAffected; }
        if (e.Limit is not null) { set++; kind = Limit; text = e.Limit; }
        return set == 1;
    }

    private static IVersion? Parse(IVersionScheme scheme, string text, out string? error)
    {
        if (scheme.TryParse(text, out var v, out var reason))
        {
            error = null;
            return v;
        }

        error = reason;
        return null;
    }
}
