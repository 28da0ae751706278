using System.ComponentModel;
using Spectre.Console.Cli;

namespace Vigil.Cli.Commands.Serve;

/// <summary>What every `vigil serve` command shares: the server's data directory.</summary>
public class ServeDataSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("The server's data directory (blobs, metadata, keys); default ./vigil-data")]
    public string Data { get; init; } = "vigil-data";
}

public sealed class ServeSettings : ServeDataSettings
{
    [CommandOption("--listen <HOST:PORT>")]
    [Description("Where to listen (default 127.0.0.1:5000)")]
    public string Listen { get; init; } = "127.0.0.1:5000";

    [CommandOption("--db <PATH>")]
    [Description("The vulnerability database (default DATA/vulndb.sqlite)")]
    public string? Db { get; init; }

    [CommandOption("--workers <N>")]
    [Description("Background scan workers (default 2)")]
    public int Workers { get; init; } = 2;

    [CommandOption("--public-url <URL>")]
    [Description("The URL clients reach the server at, for the token realm")]
    public string? PublicUrl { get; init; }

    [CommandOption("--upload-expiry <HOURS>")]
    [Description("Remove upload sessions nothing has written to for this long (default 24)")]
    public double UploadExpiryHours { get; init; } = 24;
}

public sealed class UserAddSettings : ServeDataSettings
{
    [CommandArgument(0, "<NAME>")]
    public string Name { get; init; } = "";

    [CommandOption("--password-stdin")]
    [Description("Read the password from stdin (required)")]
    public bool PasswordStdin { get; init; }

    [CommandOption("--admin")]
    [Description("The user administers every repository")]
    public bool Admin { get; init; }

    [CommandOption("--grant <SCOPE=LEVEL>")]
    [Description("Grant read, write or admin on a namespace or NS/REPO (repeatable), e.g. --grant team/app=write")]
    public string[] Grants { get; init; } = [];
}

public sealed class TokenCreateSettings : ServeDataSettings
{
    [CommandArgument(0, "<USER>")]
    public string User { get; init; } = "";

    [CommandOption("--name <NAME>")]
    [Description("A label for the token (default ci)")]
    public string Name { get; init; } = "ci";

    [CommandOption("--expires-in <DAYS>")]
    [Description("Lifetime in days (default 30)")]
    public int ExpiresInDays { get; init; } = 30;
}

public sealed class TokenRevokeSettings : ServeDataSettings
{
    [CommandArgument(0, "<TOKEN_ID>")]
    public string TokenId { get; init; } = "";
}

public sealed class UserGrantSettings : ServeDataSettings
{
    [CommandArgument(0, "<NAME>")]
    public string Name { get; init; } = "";

    [CommandArgument(1, "<SCOPE>")]
    [Description("A namespace (team) or NS/REPO (team/app)")]
    public string Scope { get; init; } = "";

    [CommandArgument(2, "<LEVEL>")]
    [Description("read, write, admin, or none to remove the grant")]
    public string Level { get; init; } = "";
}

public sealed class UserNameSettings : ServeDataSettings
{
    [CommandArgument(0, "<NAME>")]
    public string Name { get; init; } = "";
}

public sealed class TokenListSettings : ServeDataSettings
{
    [CommandArgument(0, "[USER]")]
    [Description("Only this user's tokens")]
    public string? User { get; init; }
}

public sealed class RepoSetSettings : ServeDataSettings
{
    [CommandArgument(0, "<REPOSITORY>")]
    public string Repository { get; init; } = "";

    [CommandOption("--scan-on-push <BOOL>")]
    [Description("Scan every manifest pushed to it (default true)")]
    public bool? ScanOnPush { get; init; }

    [CommandOption("--anonymous-pull <BOOL>")]
    [Description("Let anyone pull without credentials (default false)")]
    public bool? AnonymousPull { get; init; }
}
