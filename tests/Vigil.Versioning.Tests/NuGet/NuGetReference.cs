using Vigil.Versioning.Tests.Support;
using RefComparer = NuGet.Versioning.VersionComparer;
using RefRange = NuGet.Versioning.VersionRange;
using RefVersion = NuGet.Versioning.NuGetVersion;

namespace Vigil.Versioning.Tests.NuGet;

/// <summary>NuGet.Versioning (the package the NuGet client itself uses), called in-process; answers in the differential format.</summary>
internal static class NuGetReference
{
    /// <summary>"&lt;", "=", "&gt;" as <c>VersionComparer.Default.Compare</c>, or "!reason" when <c>NuGetVersion.Parse</c> refuses a side.</summary>
    public static string Order(string a, string b)
    {
        if (!TryParse(a, out var va, out var error) || !TryParse(b, out var vb, out error)) return "!" + error;
        return OrderCases.OpText(RefComparer.Default.Compare(va, vb));
    }

    /// <summary>"true"/"false" as <c>VersionRange.Parse(range).Satisfies(version)</c>, or "!reason" when either is refused.</summary>
    public static string Satisfies(string version, string range)
    {
        if (!TryParse(version, out var v, out var error)) return "!" + error;
        RefRange r;
        try
        {
            r = RefRange.Parse(range);
        }
        catch (ArgumentException e)
        {
            return "!" + e.Message;
        }

        return r.Satisfies(v) ? "true" : "false";
    }

    private static bool TryParse(string text, out RefVersion version, out string? error)
    {
        // Parse, not TryParse, as the NuGet client calls it; it throws ArgumentException for what it refuses.
        try
        {
            version = RefVersion.Parse(text);
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            version = null!;
            error = e.Message;
            return false;
        }
    }
}
