namespace Vigil.Reports.Common;

/// <summary>How Vigil names itself in third-party formats.</summary>
internal static class JsonNames
{
    public const string Scanner = "vigil";
}
