using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Database;

// Prints import time and database size per shared corpus, and FindAsync throughput over every (namespace, package) stored.
// Usage: dotnet run -c Release --project bench/Vigil.DatabaseFigures [path/to/shared/testdata/advisories]
var root = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/testdata/advisories"));
if (!Directory.Exists(root))
{
    Console.Error.WriteLine($"no advisories folder at {root}; pass its path");
    return 1;
}
string[][] corpora =
[
    ["excerpts/vunnel/debian/input/debian.json"],
    ["debian-tracker-2023-04"],
    ["debian-vuln-list-sample"],
    ["alpine-secdb-legacy"],
    ["alpine-secdb-vuln-list"],
    ["osv-go/osv"],
    ["osv-crates/osv"],
    ["osv-pypi/vulns"],
    ["osv-almalinux/almalinux-osv-advisories.tar.gz"],
    ["nvd"],
];
var work = Path.Combine(Path.GetTempPath(), "vigil-figures-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
var all = Path.Combine(work, "all.db");
Console.WriteLine("| corpus | format | records | import s | db size (this corpus alone) |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var corpus in corpora)
{
    var sources = corpus.Select(c => Path.Combine(root, c)).ToList();
    var db = Path.Combine(work, Guid.NewGuid().ToString("N") + ".db");
    var sw = Stopwatch.StartNew();
    var summary = await DatabaseImporter.ImportAsync(db, sources, Vigil.Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
    sw.Stop();
    var s = summary.Sources[0];
    Console.WriteLine($"| {string.Join(", ", corpus)} | {s.Format} | {s.Records} | {sw.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} | {(new FileInfo(db).Length / 1024.0).ToString("0", CultureInfo.InvariantCulture)} KiB |");
    File.Delete(db);
}

var everything = corpora.SelectMany(c => c).Select(c => Path.Combine(root, c)).ToList();
var total = Stopwatch.StartNew();
await DatabaseImporter.ImportAsync(all, everything, Vigil.Ecosystems.Ecosystems.FeedParsers, null, CancellationToken.None);
total.Stop();
Console.WriteLine($"\nall corpora in one import: {total.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s, {(new FileInfo(all).Length / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)} MiB");

var keys = new List<(string, string)>();
await using (var c = new SqliteConnection($"Data Source={all};Mode=ReadOnly;Pooling=False"))
{
    await c.OpenAsync();
    await using var cmd = c.CreateCommand();
    cmd.CommandText = "SELECT DISTINCT namespace, package FROM affected";
    await using var r = await cmd.ExecuteReaderAsync();
    while (await r.ReadAsync()) keys.Add((r.GetString(0), r.GetString(1)));
}
await using (var store = await AdvisoryDatabase.OpenAsync(all, CancellationToken.None))
{
    foreach (var (ns, p) in keys.Take(2000)) await store.FindAsync(ns, p, CancellationToken.None);
    long hits = 0;
    var sw = Stopwatch.StartNew();
    foreach (var (ns, p) in keys) hits += (await store.FindAsync(ns, p, CancellationToken.None)).Count;
    sw.Stop();
    var misses = Stopwatch.StartNew();
    for (var i = 0; i < 20_000; i++) await store.FindAsync("debian:12", "no-such-package-" + i.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
    misses.Stop();
    Console.WriteLine($"FindAsync over {keys.Count} stored (namespace, package): {(keys.Count / sw.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} lookups/s ({hits} hits returned)");
    Console.WriteLine($"FindAsync for absent packages: {(20_000 / misses.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} lookups/s");
}
Directory.Delete(work, true);
return 0;
