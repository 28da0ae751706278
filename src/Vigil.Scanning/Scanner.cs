using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Os;
using Vigil.Images.Layers;

namespace Vigil.Scanning;

/// <summary>Progress of a scan, for terminals and server status.</summary>
public sealed record ScanProgress(string Stage, int LayerIndex, int LayerCount, long BytesRead);

/// <summary>
/// The scan pipeline: index an image (squash, detect the OS, catalogue) into an <see cref="IndexReport"/>,
/// then match an index against the vulnerability database into a <see cref="ScanResult"/> with its verdict.
/// Matching needs no image: the server re-matches stored indexes when the database changes.
/// </summary>
public sealed class Scanner
{
    private readonly IReadOnlyList<ICataloger> _catalogers;
    private readonly IReadOnlyList<IMatcher> _matchers;

    public Scanner()
        : this(Ecosystems.Ecosystems.Catalogers, Ecosystems.Ecosystems.Matchers)
    {
    }

    public Scanner(IReadOnlyList<ICataloger> catalogers, IReadOnlyList<IMatcher> matchers)
    {
        _catalogers = catalogers;
        _matchers = matchers;
    }

    /// <summary>The version reported in results; the assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(Scanner).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<IndexReport> IndexAsync(IImage image, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var layerProgress = progress is null ? null : new Progress<LayerProgress>(p =>
            progress.Report(new ScanProgress("layers", p.LayerIndex, p.LayerCount, p.BytesRead)));
        using var tree = await Squasher.SquashAsync(image, IsRequired, layerProgress, cancellationToken);

        progress?.Report(new ScanProgress("catalog", image.Info.Layers.Count, image.Info.Layers.Count, 0));
        var distro = OsDetector.Detect(tree);
        var warnings = new List<ScanWarning>();
        var packages = new List<Package>();
        var context = new CatalogContext(tree, distro, warnings.Add);
        foreach (var cataloger in _catalogers)
        {
            try
            {
                await foreach (var p in cataloger.CatalogAsync(context, cancellationToken)) packages.Add(p);
            }
            catch (CatalogException ex)
            {
                warnings.Add(new ScanWarning($"{cataloger.Id}-unreadable", $"{ex.Message}. {ex.Hint}", Incomplete: true));
            }
        }

        warnings.AddRange(Completeness.Check(distro, packages, _catalogers));
        packages.Sort(PackageOrder.Instance);
        return new IndexReport(image.Info, distro, packages, warnings, _catalogers.Select(c => $"{c.Id}@{c.Version}").ToList());
    }

    public async Task<ScanResult> MatchAsync(IndexReport index, IAdvisoryStore store, Policy policy, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var warnings = new List<ScanWarning>(index.Warnings);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in index.Packages)
        {
            foreach (var matcher in _matchers)
            {
                if (!matcher.Handles(package, index.Os)) continue;
                if (index.Os is not null && matcher.NamespaceFor(index.Os) is { } ns) namespaces.Add(ns);
                await foreach (var f in matcher.MatchAsync(package, index.Os, store, cancellationToken)) findings.Add(f);
            }
        }
        foreach (var ns in namespaces.Order(StringComparer.Ordinal))
        {
            if (!await store.HasNamespaceAsync(ns, cancellationToken))
            {
                warnings.Add(new ScanWarning("no-advisory-data",
                    $"the vulnerability database has no advisories for {ns}, so {index.Os} packages were not checked; import that distribution's feed with 'vigil db import'",
                    Incomplete: true));
            }
        }
        if (index.Os is not null && !index.Packages.Any(p => _matchers.Any(m => m.Handles(p, index.Os))) &&
            index.Packages.Any(p => OsPackageTypes.Contains(p.Type)))
        {
            warnings.Add(new ScanWarning("distro-not-supported",
                $"no matcher handles {index.Os} packages yet, so they were not checked for vulnerabilities", Incomplete: true));
        }

        var database = await store.GetInfoAsync(cancellationToken);
        var shown = policy.EffectiveFilter.Apply(findings);
        var sorted = shown.OrderByDescending(f => f.Severity).ThenBy(f => f.PackageName, StringComparer.Ordinal)
            .ThenBy(f => f.VulnerabilityId, StringComparer.Ordinal).ToList();
        var verdict = policy.Evaluate(sorted, warnings);
        return new ScanResult(index.Target, index.Os, index.Packages, sorted, database, verdict, warnings, DateTimeOffset.UtcNow, Version);
    }

    /// <summary>A result without vulnerability matching (for `vigil sbom`): the verdict only reflects completeness.</summary>
    public static ScanResult WithoutMatching(IndexReport index, Policy policy) =>
        new(index.Target, index.Os, index.Packages, [], null, policy.Evaluate([], index.Warnings), index.Warnings, DateTimeOffset.UtcNow, Version);

    private static readonly HashSet<string> OsPackageTypes = [PackageTypes.Deb, PackageTypes.Apk, PackageTypes.Rpm];

    private bool IsRequired(string path)
    {
        if (OsDetector.IsRequired(path)) return true;
        foreach (var c in _catalogers)
        {
            if (c.IsRequired(path)) return true;
        }
        return false;
    }

    private sealed class PackageOrder : IComparer<Package>
    {
        public static readonly PackageOrder Instance = new();

        public int Compare(Package? x, Package? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var c = string.CompareOrdinal(x.Type, y.Type);
            if (c == 0) c = string.CompareOrdinal(x.Name, y.Name);
            if (c == 0) c = string.CompareOrdinal(x.Version, y.Version);
            if (c == 0) c = string.CompareOrdinal(x.Architecture, y.Architecture);
            return c == 0 ? string.CompareOrdinal(x.Location, y.Location) : c;
        }
    }
}
