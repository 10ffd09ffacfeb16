using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ForecastService.Api.Tests.Reliability;

/// <summary>
/// An HTTP/1.1 POST written by hand on a socket, so a test controls exactly when each body byte reaches Kestrel: a
/// request can be held in flight, or its body trickled.
/// </summary>
public sealed class RawHttpRequest : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawHttpRequest(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Connects and sends the request line and headers for a JSON body of <paramref name="contentLength"/> bytes.</summary>
    public static async Task<RawHttpRequest> StartAsync(Uri baseAddress, string path, long contentLength, string contentType = "application/json")
    {
        var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var request = new RawHttpRequest(client);
        var head = $"POST {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: {contentType}\r\nContent-Length: {contentLength.ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n";
        await request.SendAsync(Encoding.ASCII.GetBytes(head));
        return request;
    }

    /// <summary>Sends <paramref name="head"/> as it is (request line and headers, which may break HTTP) and reads the answer.</summary>
    public static async Task<RawHttpResponse> SendHeadAsync(Uri baseAddress, byte[] head, TimeSpan timeout)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var request = new RawHttpRequest(client);
        await request.SendAsync(head);
        return await request.ReadResponseAsync(timeout);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>True once the server has sent something (its answer) on this connection.</summary>
    public bool HasAnswer => _client.Available > 0;

    /// <summary>
    /// Reads the response to the end (the server closes: Connection: close) and returns its status code, headers and
    /// body (de-chunked).
    /// </summary>
    public async Task<RawHttpResponse> ReadResponseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var buffer = new MemoryStream();
        try
        {
            await _stream.CopyToAsync(buffer, cts.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The server may reset the connection after answering a request whose body it gave up on.
        }

        return RawHttpResponse.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>
    /// Sends <paramref name="body"/> in chunks while reading the answer, and stops sending once one arrives: a server that
    /// refuses a huge body early answers before the client has finished writing it.
    /// </summary>
    public async Task<RawHttpResponse> SendAllAndReadAsync(byte[] body, TimeSpan timeout)
    {
        var reading = ReadResponseAsync(timeout);
        try
        {
            for (var offset = 0; offset < body.Length && !reading.IsCompleted && !HasAnswer; offset += 64 * 1024)
            {
                await SendAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
            }
        }
        catch (IOException)
        {
            // The server answered and closed while the body was still going out.
        }

        return await reading;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
