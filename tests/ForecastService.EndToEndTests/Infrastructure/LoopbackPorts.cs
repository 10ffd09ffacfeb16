using System.Net;
using System.Net.Sockets;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>Free TCP ports on the loopback interface, picked by the kernel.</summary>
internal static class LoopbackPorts
{
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
