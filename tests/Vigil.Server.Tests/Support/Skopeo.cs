namespace Vigil.Server.Tests.Support;

/// <summary>skopeo against a plain-HTTP loopback registry.</summary>
public static class Skopeo
{
    public static async Task<Tools.Result> CopyAsync(string from, string to, string? srcCreds, string? destCreds, CancellationToken cancellationToken)
    {
        var exe = Tools.Require("skopeo");
        var args = new List<string> { "--insecure-policy", "copy", "--retry-times", "0" };
        if (from.StartsWith("docker://", StringComparison.Ordinal)) args.Add("--src-tls-verify=false");
        if (to.StartsWith("docker://", StringComparison.Ordinal)) args.Add("--dest-tls-verify=false");
        if (srcCreds is not null) args.AddRange(["--src-creds", srcCreds]);
        if (destCreds is not null) args.AddRange(["--dest-creds", destCreds]);
        args.AddRange([from, to]);
        // An empty auth file keeps the developer's own registry logins out of the test.
        var authFile = Path.Combine(Path.GetTempPath(), $"vigil-skopeo-auth-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(authFile, "{}", cancellationToken);
        try
        {
            return await Tools.RunAsync(exe, args, cancellationToken, new Dictionary<string, string> { ["REGISTRY_AUTH_FILE"] = authFile });
        }
        finally
        {
            File.Delete(authFile);
        }
    }

    /// <summary>The digest of the manifest an OCI layout's index.json names first.</summary>
    public static string LayoutManifestDigest(string layout)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json")));
        return doc.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
    }
}
