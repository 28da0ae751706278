using System.Runtime.CompilerServices;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Common;

namespace Vigil.Ecosystems.Alpine;

/// <summary>Installed Alpine packages from lib/apk/db/installed.</summary>
public sealed class ApkCataloger : ICataloger
{
    public const string InstalledPath = "lib/apk/db/installed";

    public string Id => "apk";

    public int Version => 1;

    public IReadOnlyList<string> PackageTypes { get; } = [Core.Model.PackageTypes.Apk];

    public bool IsRequired(string path) => path == InstalledPath;

    public async IAsyncEnumerable<Package> CatalogAsync(CatalogContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = context.Files;
        if (files.Find(InstalledPath) is not { Kind: FileKind.File }) yield break;
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();

        IReadOnlyList<ApkEntry> entries;
        IReadOnlyList<string> problems;
        using (var stream = files.OpenRead(InstalledPath))
        {
            (entries, problems) = ApkDatabaseReader.Read(stream);
        }
        if (problems.Count > 0)
        {
            context.Report(new ScanWarning("apk-database-malformed",
                $"/{InstalledPath} is malformed ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}, first: {problems[0]}); " +
                $"{entries.Count} packages were read and others may be missing. The image's apk database is damaged: rebuild the image, or run 'apk audit' in it.",
                Incomplete: true));
        }

        var introduced = LayerAttribution.IntroducedBy(files, InstalledPath, s =>
            ApkDatabaseReader.Read(s).Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal));
        foreach (var e in entries)
        {
            var layer = introduced.TryGetValue(e.Key, out var l) ? l : files.Find(InstalledPath)?.LayerIndex ?? -1;
            yield return e.ToPackage(InstalledPath, Id, context.Distro, layer, LayerAttribution.DiffIdOf(files, layer));
        }
    }
}
