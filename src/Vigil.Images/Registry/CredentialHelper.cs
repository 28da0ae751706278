using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Vigil.Core;

namespace Vigil.Images.Registry;

/// <summary>
/// Runs docker's credential helper protocol: <c>docker-credential-NAME get</c> with the server on stdin,
/// a JSON {ServerURL, Username, Secret} on stdout. "Not found" is an answer, not an error.
/// </summary>
public static class CredentialHelper
{
    public static async Task<RegistryCredential?> GetAsync(string helper, string serverUrl, CancellationToken cancellationToken)
    {
        var program = "docker-credential-" + helper;
        var psi = new ProcessStartInfo(program, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new Win32Exception($"{program} did not start");
        }
        catch (Win32Exception e)
        {
            throw new VigilException(ErrorKind.Unauthorized,
                $"the credential helper {program} configured for {serverUrl} could not be run: {e.Message}",
                $"install {program} on the PATH, or remove it from credHelpers/credsStore in your docker config.json", e);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(serverUrl.AsMemory(), cancellationToken);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new VigilException(ErrorKind.Unauthorized, $"the credential helper {program} did not answer for {serverUrl} within 30 s",
                    $"check that {program} works: echo {serverUrl} | {program} get");
            }

            var output = (await stdout).Trim();
            var error = (await stderr).Trim();
            if (process.ExitCode != 0)
            {
                // Helpers report a missing entry on stdout ("credentials not found in native keychain") with exit 1.
                if ((output + error).Contains("not found", StringComparison.OrdinalIgnoreCase)) return null;
                throw new VigilException(ErrorKind.Unauthorized,
                    $"the credential helper {program} failed for {serverUrl} (exit {process.ExitCode}): {Trim(output.Length > 0 ? output : error)}",
                    $"run 'echo {serverUrl} | {program} get' to see the problem, or log in again with docker login");
            }

            CredentialHelperOutput? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(output, RegistryJsonContext.Default.CredentialHelperOutput);
            }
            catch (JsonException e)
            {
                throw new VigilException(ErrorKind.Unauthorized, $"the credential helper {program} printed something that is not its JSON for {serverUrl}",
                    $"run 'echo {serverUrl} | {program} get' to see what it prints", e);
            }
            if (parsed is null || string.IsNullOrEmpty(parsed.Secret)) return null;
            // The protocol marks an identity (refresh) token with this user name.
            return parsed.Username == "<token>"
                ? new RegistryCredential(null, null, parsed.Secret, program)
                : new RegistryCredential(parsed.Username, parsed.Secret, null, program);
        }
    }

    private static string Trim(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
