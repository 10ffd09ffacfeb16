using System.Globalization;

namespace ForecastService.Benchmarks.Serving;

/// <summary>The service's own count of managed allocation, read from its <c>/metrics</c>.</summary>
internal static class AllocatedBytes
{
    /// <summary>Managed bytes allocated so far, from the service's <c>/metrics</c>; null for a server without it.</summary>
    public static async Task<long?> ReadAsync(HttpClient client, Uri baseAddress)
    {
        using var response = await client.GetAsync(new Uri(baseAddress, "/metrics"));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        // The .NET runtime's counter as OpenTelemetry's Prometheus exporter writes it, with or without empty braces.
        const string Name = "dotnet_gc_heap_total_allocated_bytes_total";
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            var rest = line.StartsWith(Name, StringComparison.Ordinal) ? line[Name.Length..] : string.Empty;
            rest = rest.StartsWith("{}", StringComparison.Ordinal) ? rest[2..] : rest;
            if (rest.StartsWith(' '))
            {
                return (long)double.Parse(rest[1..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
