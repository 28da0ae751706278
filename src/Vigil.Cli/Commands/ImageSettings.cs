using System.ComponentModel;
using Spectre.Console.Cli;

namespace Vigil.Cli.Commands;

/// <summary>Options every image command shares.</summary>
public class ImageSettings : CommandSettings
{
    [CommandArgument(0, "<IMAGE>")]
    [Description("archive://PATH, docker-archive:PATH, oci-dir://PATH[:TAG], oci:PATH[:TAG], oci-archive:PATH, fs://PATH, dir:PATH, or a bare path recognised by content")]
    public string Image { get; init; } = "";

    [CommandOption("--platform <PLATFORM>")]
    [Description("os/arch[/variant] to pick from a multi-platform image (default linux/amd64)")]
    public string? Platform { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("Output format: text, quickview, table, json, sarif, cyclonedx, spdx")]
    public string? Format { get; init; }

    [CommandOption("--username <USER>")]
    [Description("Registry user name (with --password-stdin); else $VIGIL_REGISTRY_USERNAME/PASSWORD, else ~/.docker/config.json")]
    public string? Username { get; init; }

    [CommandOption("--password-stdin")]
    [Description("Read the registry password from stdin")]
    public bool PasswordStdin { get; init; }

    [CommandOption("--insecure-registry <HOST>")]
    [Description("Allow plain HTTP or unverified TLS for this registry (repeatable); loopback registries may use HTTP anyway")]
    public string[] InsecureRegistries { get; init; } = [];

    [CommandOption("--registry-ca <FILE>")]
    [Description("Trust this PEM CA bundle for registries")]
    public string? RegistryCa { get; init; }

    [CommandOption("--registry-mirror <URL>")]
    [Description("Mirror for docker.io, tried before Docker Hub (repeatable)")]
    public string[] RegistryMirrors { get; init; } = [];

    [CommandOption("-o|--output <FILE>")]
    [Description("Write the report to FILE (written whole or not at all) instead of stdout")]
    public string? Output { get; init; }
}

/// <summary>Options of the commands that match vulnerabilities.</summary>
public class VulnerabilitySettings : ImageSettings
{
    [CommandOption("--db <PATH>")]
    [Description("The vulnerability database (default: $VIGIL_DB, else ~/.cache/vigil/vigil.db)")]
    public string? Db { get; init; }

    [CommandOption("--only-severity <SEVERITIES>")]
    [Description("Comma-separated severities to show: critical,high,medium,low,negligible,unknown")]
    public string? OnlySeverity { get; init; }

    [CommandOption("--only-fixed")]
    [Description("Show only vulnerabilities that have a fix")]
    public bool OnlyFixed { get; init; }

    [CommandOption("--only-unfixed")]
    [Description("Show only vulnerabilities without a fix")]
    public bool OnlyUnfixed { get; init; }

    [CommandOption("--only-package-type <TYPES>")]
    [Description("Comma-separated package types to show: deb, apk, npm, …")]
    public string? OnlyPackageType { get; init; }

    [CommandOption("--exit-code")]
    [Description("Exit 2 when any vulnerability is shown (after filters)")]
    public bool ExitCode { get; init; }

    [CommandOption("--fail-on <SEVERITY>")]
    [Description("Exit 2 when a shown vulnerability has this severity or worse")]
    public string? FailOn { get; init; }
}
