using System.Runtime.CompilerServices;
using Vigil.Core;
using Vigil.Core.Model;
using Vigil.Core.Seams;
using Vigil.Ecosystems.Common;

namespace Vigil.Ecosystems.Debian;

/// <summary>
/// Installed Debian packages from var/lib/dpkg/status and the distroless var/lib/dpkg/status.d/* files.
/// </summary>
public sealed class DpkgCataloger : ICataloger
{
    public const string StatusPath = "var/lib/dpkg/status";
    public const string StatusDirectory = "var/lib/dpkg/status.d";
    public const string DocDirectory = "usr/share/doc";

    public string Id => "dpkg";

    public int Version => 2;

    public IReadOnlyList<string> PackageTypes { get; } = [Core.Model.PackageTypes.Deb];

    public bool IsRequired(string path) =>
        path == StatusPath ||
        (path.StartsWith(StatusDirectory + "/", StringComparison.Ordinal) && IsStatusDEntry(path)) ||
        IsCopyright(path);

    // usr/share/doc/PACKAGE/copyright, where each package's licences are stated.
    private static bool IsCopyright(string path) =>
        path.StartsWith(DocDirectory + "/", StringComparison.Ordinal) && path.EndsWith("/copyright", StringComparison.Ordinal) &&
        path.AsSpan(DocDirectory.Length + 1, path.Length - DocDirectory.Length - 1 - "/copyright".Length) is { Length: > 0 } name &&
        !name.Contains('/');

    // status.d holds one file per package plus its .md5sums/.preinst companions, which are not paragraphs.
    private static bool IsStatusDEntry(string path)
    {
        var name = path[(StatusDirectory.Length + 1)..];
        return name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('.', StringComparison.Ordinal);
    }

    public async IAsyncEnumerable<Package> CatalogAsync(CatalogContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = context.Files;
        var sources = new List<string>();
        if (files.Find(StatusPath) is { Kind: FileKind.File }) sources.Add(StatusPath);
        sources.AddRange(files.ListFiles(StatusDirectory).Select(e => e.Path).Where(IsRequired));

        foreach (var path in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            foreach (var package in ReadDatabase(context, path)) yield return package;
        }
    }

    private IEnumerable<Package> ReadDatabase(CatalogContext context, string path)
    {
        var files = context.Files;
        IReadOnlyList<ControlParagraph> paragraphs;
        IReadOnlyList<ControlProblem> problems;
        using (var stream = files.OpenRead(path))
        {
            (paragraphs, problems) = ControlParagraphReader.Read(stream);
        }

        var entries = new List<DpkgEntry>();
        var bad = new List<string>();
        foreach (var p in paragraphs)
        {
            var entry = DpkgEntry.From(p, out var reason);
            if (entry is null) { if (reason is not null) bad.Add($"line {p.Line}: {reason}"); continue; }
            if (entry.IsInstalled) entries.Add(entry);
        }
        bad.AddRange(problems.Select(pr => $"line {pr.Line}: not a field or continuation: \"{Truncate(pr.Text)}\""));
        if (bad.Count > 0)
        {
            context.Report(new ScanWarning("dpkg-database-malformed",
                $"/{path} is malformed ({bad.Count} problem{(bad.Count == 1 ? "" : "s")}, first: {bad[0]}); " +
                $"{entries.Count} packages were read and others may be missing. The image's dpkg database is damaged: rebuild the image, or run 'dpkg --audit' in it.",
                Incomplete: true));
        }

        var introduced = LayerAttribution.IntroducedBy(files, path, KeysOf);
        foreach (var e in entries)
        {
            var layer = introduced.TryGetValue(e.Key, out var l) ? l : files.Find(path)?.LayerIndex ?? -1;
            yield return e.ToPackage(path, Id, context.Distro, layer, LayerAttribution.DiffIdOf(files, layer), LicensesOf(files, e.Name));
        }
    }

    private static IReadOnlyList<string> LicensesOf(IFileTree files, string package)
    {
        // Multi-arch names ("libc6:amd64") share one doc directory; docs may be excluded (path-exclude), then nothing is known.
        var name = package.Split(':')[0];
        var path = $"{DocDirectory}/{name}/copyright";
        if (files.Find(path) is not { Kind: FileKind.File }) return [];
        try
        {
            using var s = files.OpenRead(path);
            return DebianCopyright.Licenses(s);
        }
        catch (VigilException)
        {
            // Not retained (a symlink out of the doc tree): licences are extra information, not a reason to fail.
            return [];
        }
    }

    private static HashSet<string>? KeysOf(Stream stream)
    {
        var (paragraphs, _) = ControlParagraphReader.Read(stream);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in paragraphs)
        {
            if (DpkgEntry.From(p, out _) is { IsInstalled: true } e) keys.Add(e.Key);
        }
        return keys;
    }

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
