using System.Diagnostics;
using System.Net.Http.Headers;
using ForecastService.Testing;

namespace ForecastService.Benchmarks.Serving;

/// <summary>
/// Closed-loop load over HTTP/1.1 on loopback: <c>concurrency</c> clients, each sending its next request as soon as
/// the previous answer is read, for a fixed time after a warm-up. Records latencies, the server's CPU time and the
/// generator's own CPU time (it shares the machine's cores with the server).
/// </summary>
internal static class LoadGenerator
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public static async Task<LoadResult> RunAsync(ServiceProcess server, string path, byte[][]? bodies, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var self = Process.GetCurrentProcess();

        TimeSpan serverCpu = default, clientCpu = default;
        long? allocated = null;
        var measuring = Task.Run(async () =>
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), measureFrom);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            allocated = await AllocatedBytes.ReadAsync(client, server.BaseAddress);
            serverCpu = server.CpuTime();
            self.Refresh();
            clientCpu = self.TotalProcessorTime;
        });

        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var latencies = new List<long>(4096);
            var errors = 0;
            var finishedAfterStart = 0;
            for (var i = w; ; i += concurrency)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= end)
                {
                    break;
                }

                using var request = new HttpRequestMessage(bodies is null ? HttpMethod.Get : HttpMethod.Post, path);
                if (bodies is not null)
                {
                    request.Content = new ByteArrayContent(bodies[i % bodies.Length]) { Headers = { ContentType = JsonType } };
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await response.Content.CopyToAsync(Stream.Null);
                var t1 = Stopwatch.GetTimestamp();
                finishedAfterStart += t1 > measureFrom ? 1 : 0;
                if (t0 >= measureFrom && t1 <= end)
                {
                    latencies.Add(t1 - t0);
                    if (!response.IsSuccessStatusCode)
                    {
                        errors++;
                    }
                }
            }

            return (latencies, errors, finishedAfterStart);
        })).ToArray();

        await measuring;
        var results = await Task.WhenAll(workers);
        var serverCpuUsed = server.CpuTime() - serverCpu;
        var allocatedAfter = await AllocatedBytes.ReadAsync(client, server.BaseAddress);
        self.Refresh();
        var clientCpuUsed = self.TotalProcessorTime - clientCpu;

        var all = results.SelectMany(r => r.latencies).ToList();
        var finished = results.Sum(r => r.finishedAfterStart);
        var seconds = duration.TotalSeconds;
        return new LoadResult(
            concurrency,
            all.Count,
            results.Sum(r => r.errors),
            all.Count / seconds,
            Latency.FromTicks(all),

            // The server's CPU is read from the start of the measured window until the last answer, so it is shared by
            // every answer that finished in that span, including the few that ended after the window closed.
            all.Count == 0 ? double.NaN : serverCpuUsed.TotalMicroseconds / finished,
            allocated is { } before && allocatedAfter is { } after && finished > 0 ? (after - before) / (double)finished : double.NaN,
            clientCpuUsed.TotalSeconds / seconds / Environment.ProcessorCount);
    }
}

/// <summary>
/// One load point. <c>ServerCpuMicrosecondsPerRequest</c> is the server's user+system CPU per answered request;
/// <c>ServerAllocatedBytesPerRequest</c> is the service's managed allocation per request (NaN for the peer);
/// <c>ClientCpuShare</c> is the load generator's CPU use as a share of all the machine's cores.
/// </summary>
internal sealed record LoadResult(int Concurrency, int Requests, int Errors, double RequestsPerSecond, Latency Latency, double ServerCpuMicrosecondsPerRequest, double ServerAllocatedBytesPerRequest, double ClientCpuShare);
