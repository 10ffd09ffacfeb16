using System.Collections.Concurrent;
using System.Diagnostics;

namespace ForecastService.Api.Tests.Reliability;

/// <summary>
/// Closed-loop load: each client sends its next request as soon as the previous one is answered, for a fixed
/// duration. Every answer is kept as a <see cref="LoadSample"/> for failure counts and latency percentiles.
/// </summary>
public sealed class ClosedLoopLoad
{
    private readonly ConcurrentBag<LoadSample> _samples = [];

    public IReadOnlyList<LoadSample> Samples => [.. _samples.OrderBy(s => s.StartSeconds)];

    /// <summary>
    /// Runs <paramref name="clients"/> loops for <paramref name="duration"/> or until <paramref name="stop"/>, and returns how long they ran. <paramref name="check"/> sees each 200 body and
    /// returns an error text when the answer is wrong (a wrong 200 counts as a failure too).
    /// </summary>
    public async Task<TimeSpan> RunAsync(HttpClient client, int clients, TimeSpan duration, Func<int, HttpRequestMessage> request, Func<string, string?>? check = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < duration && !stop.IsCancellationRequested; i++)
            {
                var started = clock.Elapsed;
                int status;
                string? error = null;
                try
                {
                    using var message = request((c * 1_000_000) + i);
                    using var response = await client.SendAsync(message);
                    var body = await response.Content.ReadAsStringAsync();
                    status = (int)response.StatusCode;
                    error = status == 200 ? check?.Invoke(body) : body.Length > 300 ? body[..300] : body;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                    error = ex.Message;
                }

                _samples.Add(new LoadSample(started.TotalSeconds, (clock.Elapsed - started).TotalMilliseconds, status, error));
            }
        })));
        return clock.Elapsed;
    }

    /// <summary>The nearest-rank percentile of the latencies of requests started in [from, to) seconds.</summary>
    public double Percentile(double percent, double from, double to)
    {
        var latencies = _samples.Where(s => s.StartSeconds >= from && s.StartSeconds < to).Select(s => s.LatencyMs).Order().ToArray();
        if (latencies.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * latencies.Length);
        return latencies[Math.Clamp(rank - 1, 0, latencies.Length - 1)];
    }
}
