using System.Globalization;
using System.Text;

namespace ForecastService.Api.Tests.Reliability;

/// <summary>A response read off a raw socket: status, headers, and the body with any chunked framing removed.</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static RawHttpResponse Parse(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? string.Empty : text[(split + 4)..];
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ', 3);
        var status = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var code) ? code : 0;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawHttpResponse(status, headers, body);
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < chunked.Length)
        {
            var end = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(chunked.AsSpan(position, end - position), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }

            // Chunk sizes count bytes; the bodies here are ASCII JSON, so bytes and chars agree.
            var start = end + 2;
            result.Append(chunked.AsSpan(start, Math.Min(size, chunked.Length - start)));
            position = start + size + 2;
        }

        return result.ToString();
    }
}
