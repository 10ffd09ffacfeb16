using System.Net;
using System.Net.Sockets;

namespace ForecastService.EndToEndTests.Infrastructure;

/// <summary>
/// HTTP clients whose connections leave from a chosen loopback address (127.0.0.0/8 is all on <c>lo</c>), so the
/// gateway sees a client address other than the one it connects to the API from, and each test has its own
/// rate-limit bucket.
/// </summary>
internal static class LoopbackClient
{
    public static HttpClient Create(Uri baseAddress, IPAddress source, bool decompress = true)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = decompress ? DecompressionMethods.All : DecompressionMethods.None,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
