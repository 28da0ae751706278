using Vigil.Server;

// vigil serve in its own process, so the crash-safety tests can kill -9 it. Prints the bound address on stdout.
// Usage: Vigil.Server.TestHost DATA_DIR [LISTEN]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Vigil.Server.TestHost DATA_DIR [LISTEN]");
    return 2;
}
// VIGIL_TESTHOST_ADMIN=user:password seeds an admin first (the benchmark uses it; the tests seed with ServerAdmin).
if (Environment.GetEnvironmentVariable("VIGIL_TESTHOST_ADMIN") is { Length: > 0 } seed && seed.IndexOf(':') is > 0 and var colon)
{
    await new ServerAdmin(args[0]).AddUserAsync(seed[..colon], seed[(colon + 1)..], isAdmin: true, CancellationToken.None);
}
await using var server = await VigilServer.StartAsync(new ServeOptions(args[0], args.Length > 1 ? args[1] : "127.0.0.1:0"), null, CancellationToken.None);
Console.WriteLine($"listening {server.BaseAddress}");
// SIGTERM and Ctrl+C stop the host; the tests use SIGKILL.
await server.WaitForShutdownAsync(CancellationToken.None);
return 0;
