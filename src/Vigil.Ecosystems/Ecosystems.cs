using Vigil.Core.Seams;
using Vigil.Ecosystems.Alpine;
using Vigil.Ecosystems.Debian;

namespace Vigil.Ecosystems;

/// <summary>
/// The one registration list per plugin kind. Adding an ecosystem means adding its entries here;
/// a test checks every entry is complete (ids unique, versions set, paths declared).
/// </summary>
public static class Ecosystems
{
    public static IReadOnlyList<ICataloger> Catalogers { get; } =
    [
        new DpkgCataloger(),
        new ApkCataloger(),
    ];

    public static IReadOnlyList<IMatcher> Matchers { get; } =
    [
        new DebianMatcher(),
        new AlpineMatcher(),
    ];

    public static IReadOnlyList<IFeedParser> FeedParsers { get; } =
    [
        new Debian.Feed.DebianTrackerJsonParser(),
        new Debian.Feed.DebianTrackerListsParser(),
        new Debian.Feed.DebianVulnListParser(),
        new Alpine.Feed.AlpineSecdbJsonParser(),
        new Alpine.Feed.AlpineSecdbYamlParser(),
        new Osv.Feed.OsvParser(),
        new Nvd.Feed.NvdApiParser(),
    ];
}
