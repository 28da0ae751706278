using Spectre.Console.Cli;
using Vigil.Cli.Commands;
using Vigil.Cli.Commands.Db;
using Vigil.Cli.Commands.Serve;
using Vigil.Cli.Commands.Version;
using Vigil.Cli.Infrastructure;

namespace Vigil.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => CreateApp().RunAsync(ExplicitServe(args));

    /// <summary>
    /// `vigil serve --listen X` runs `serve start`: Spectre reads options placed before a branch's default
    /// command as the branch's own, so the first server option was lost or taken for a command name.
    /// </summary>
    internal static string[] ExplicitServe(string[] args) =>
        args is ["serve"] || (args is ["serve", var next, ..] && next.StartsWith('-') && next is not ("-h" or "--help"))
            ? ["serve", "start", .. args[1..]]
            : args;

    public static CommandApp CreateApp()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("vigil");
            config.SetApplicationVersion(Scanning.Scanner.Version);
            config.Settings.Console = Terminal.Stderr;
            config.SetExceptionHandler((ex, _) => ErrorReporter.Report(ex));

            config.AddCommand<QuickviewCommand>("quickview")
                .WithDescription("One-screen summary of an image's vulnerabilities (like docker scout quickview).")
                .WithExample("quickview", "oci-dir://./image:latest");
            config.AddCommand<CvesCommand>("cves")
                .WithDescription("The image's vulnerabilities, package by package (like docker scout cves).")
                .WithExample("cves", "archive://image.tar", "--only-fixed", "--format", "json");
            config.AddCommand<SbomCommand>("sbom")
                .WithDescription("The packages in an image, with the layer that introduced each.")
                .WithExample("sbom", "fs://./rootfs", "--format", "cyclonedx");
            config.AddCommand<ScanCommand>("scan")
                .WithDescription("The CI gate: exit 0 pass, 1 error, 2 policy failed, 3 scan incomplete.")
                .WithExample("scan", "archive://image.tar", "--fail-on", "critical");
            config.AddBranch("db", db =>
            {
                db.SetDescription("The local vulnerability database.");
                db.AddCommand<DbImportCommand>("import")
                    .WithDescription("Import advisory feeds (files, directories, zips or http(s) URLs), recognised by content.");
                db.AddCommand<DbStatusCommand>("status")
                    .WithDescription("Schema, feeds, counts and age of the database.");
            });
            config.AddBranch<ServeDataSettings>("serve", serve =>
            {
                serve.SetDescription("The scanning registry: OCI distribution with token auth, scan on push and the scan API.");
                serve.AddCommand<ServeCommand>("start")
                    .WithDescription("Run the registry: what 'vigil serve [[OPTIONS]]' does (--listen, --db, --workers, --public-url, --upload-expiry).");
                serve.AddBranch<ServeDataSettings>("user", user =>
                {
                    user.SetDescription("Registry users.");
                    user.AddCommand<UserAddCommand>("add").WithDescription("Add a user (password from stdin) with grants.");
                    user.AddCommand<UserGrantCommand>("grant").WithDescription("Grant read, write or admin on a namespace or repository; none removes it.");
                    user.AddCommand<UserGrantsCommand>("grants").WithDescription("List a user's grants (SCOPE<TAB>LEVEL).");
                    user.AddCommand<UserRemoveCommand>("remove").WithDescription("Remove a user, with their grants and tokens.");
                });
                serve.AddBranch<ServeDataSettings>("token", token =>
                {
                    token.SetDescription("Access tokens for CI.");
                    token.AddCommand<TokenCreateCommand>("create").WithDescription("Create a token; prints the secret on stdout.");
                    token.AddCommand<TokenRevokeCommand>("revoke").WithDescription("Revoke a token by id.");
                    token.AddCommand<TokenListCommand>("list").WithDescription("List tokens (never their secrets), all or one user's.");
                });
                serve.AddBranch<ServeDataSettings>("repo", repo =>
                {
                    repo.SetDescription("Repository settings.");
                    repo.AddCommand<RepoSetCommand>("set").WithDescription("Scan on push and anonymous pull for a repository.");
                });
            });
            config.AddBranch("version", v =>
            {
                v.SetDescription("Version schemes, for scripting and debugging a finding.");
                v.AddCommand<VersionCompareCommand>("compare")
                    .WithDescription("Compare two versions (prints <, = or >), a batch from stdin, or check a range.");
            });
        });
        return app;
    }
}
