using System.Net;
using System.Net.Sockets;

namespace ForecastService.Testing;

/// <summary>Free TCP ports on the loopback interface, picked by the kernel.</summary>
public static class LoopbackPorts
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
