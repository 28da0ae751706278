using System.Net;
using System.Net.Sockets;

namespace Vigil.Server.Tests.Support;

public static class FreePort
{
    /// <summary>A loopback port free right now (for child processes that cannot report the port they bound).</summary>
    public static int Next()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
