using System.Globalization;
using System.Runtime.InteropServices;
using ForecastService.Inference;
using ForecastService.Testing;

namespace ForecastService.Benchmarks.Serving;

/// <summary>
/// The service against its ceiling and a peer, in one run: ONNX Runtime in-process at batch 1/8/64/256; the real
/// service (Release build, its own process) over loopback HTTP at concurrency 1/8/64 with batching off and on; a
/// Node.js server around onnxruntime-node under the same load, as one process and as a cluster of one worker per core;
/// cold start and resident memory. Prints a table and the ratios, each with its target where issue 13 sets one.
/// </summary>
internal sealed class ServingBenchmark : IBenchmark
{
    private const string On = "service, batching on", Off = "service, batching off", NoOp = "no-op GET /health/live";
    private const string Peer = "peer (onnxruntime-node)";

    private static readonly int[] Batches = [1, 8, 64, 256];
    private static readonly int[] Concurrencies = [1, 8, 64];

    private static readonly TimeSpan ProcessWarmUp = TimeSpan.FromSeconds(4);

    // node:cluster with one server.mjs worker per core: what a Node team would deploy on this machine.
    private static readonly string ClusterPeer = $"cluster peer ({Environment.ProcessorCount} workers)";

    public string Name => "serving";

    public string Description => "ORT limit vs the service over HTTP (batching off/on) vs a Node.js onnxruntime-node peer (one process and one worker per core). Options: --seconds S (4), --model NAME (energy-load)";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = TimeSpan.FromSeconds(double.Parse(Option(args, "--seconds") ?? "4", CultureInfo.InvariantCulture));
        // Long enough for the tiered JIT to reach optimized code on the hot path before anything is measured.
        var warmup = TimeSpan.FromSeconds(2);
        var root = RepositoryPaths.Root;
        var workload = ServingWorkload.Load(root, Option(args, "--model") ?? "energy-load");
        var card = workload.Card;
        var modelCount = Directory.GetDirectories(workload.RepositoryRoot).Length;
        Console.WriteLine($"serving: {card.Name} v{card.Version} (lookback {card.Lookback}, horizon {card.Horizon}, {card.Quantiles.Count} quantiles, {card.Cell}); {modelCount} model(s) in {workload.RepositoryRoot}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, load average {LoadAverage()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, ONNX Runtime {OnnxRuntime.Version}");
        Console.WriteLine($"each server: {ProcessWarmUp.TotalSeconds:0} s of forecasts at c{Concurrencies[^1]} after start; each HTTP point: {warmup.TotalSeconds:0} s warm-up, {seconds.TotalSeconds:0.#} s measured, closed loop, one series per request, {ServingWorkload.Distinct} distinct windows");
        Console.WriteLine();

        Console.WriteLine("1. The limit: ONNX Runtime in-process through ForecastService.Inference (zero-copy Run, 1 intra-op thread)");
        Console.WriteLine($"{"batch",6} {"windows/s",11} {"CPU/window",11} {"run p50",10} {"run p99",10}");
        var limits = new Dictionary<int, OrtResult>();
        foreach (var batch in Batches)
        {
            var r = limits[batch] = OrtLimit.Measure(workload, batch, seconds / 2);
            Console.WriteLine($"{batch,6} {r.WindowsPerSecond,11:0} {r.CpuMicrosecondsPerWindow,8:0} µs {Ms(r.RunTime.P50),10} {Ms(r.RunTime.P99),10}");
        }

        Console.WriteLine();
        Console.WriteLine("2./3. Over HTTP on 127.0.0.1");
        Console.WriteLine($"{"server",-26} {"c",3} {"req/s",8} {"p50",9} {"p99",9} {"p99.9",9} {"srv CPU/req",12} {"alloc/req",10} {"loadgen CPU",12} {"errors",7}");
        var results = new Dictionary<(string Server, int C), LoadResult>();
        var api = ApiAssembly(root);
        var starts = new List<(string Name, TimeSpan Ready, double RssMb)>();
        LoadResult? noop = null;
        foreach (var batching in new[] { false, true })
        {
            var name = batching ? On : Off;
            using var server = await ServiceProcess.StartAsync(ServiceLaunch.Api(Path.GetDirectoryName(api)!, ApiSettings(workload, batching)));
            await WarmUpAsync(server, workload);
            noop ??= await Point(server, NoOp, "/health/live", null, 64, warmup, seconds, results);
            foreach (var c in Concurrencies)
            {
                await Point(server, name, workload.ForecastPath, workload.Bodies, c, warmup, seconds, results);
            }

            starts.Add((name, server.ReadyAfter, server.ResidentBytes() / 1048576.0));
        }

        var peerDirectory = Path.Combine(root, "bench", "peer");
        await PeerInstaller.EnsureInstalledAsync(peerDirectory);
        IEnumerable<string> PeerArguments(int port) => [port.ToString(CultureInfo.InvariantCulture), workload.RepositoryRoot];
        using (var peer = await ServiceProcess.StartAsync(new ServiceLaunch(Peer, "node", [Path.Combine(peerDirectory, "server.mjs")], new Dictionary<string, string?>()) { PortArguments = PeerArguments }))
        {
            await WarmUpAsync(peer, workload);
            foreach (var c in Concurrencies)
            {
                await Point(peer, Peer, workload.ForecastPath, workload.Bodies, c, warmup, seconds, results);
            }

            starts.Add((Peer, peer.ReadyAfter, peer.ResidentBytes() / 1048576.0));
        }

        using (var cluster = await ServiceProcess.StartAsync(new ServiceLaunch(ClusterPeer, "node", [Path.Combine(peerDirectory, "cluster.mjs")], new Dictionary<string, string?>()) { PortArguments = PeerArguments }))
        {
            await WarmUpAsync(cluster, workload);
            foreach (var c in Concurrencies)
            {
                await Point(cluster, ClusterPeer, workload.ForecastPath, workload.Bodies, c, warmup, seconds, results);
            }

            // Resident memory is left out: ServiceProcess reads the primary only, and the workers hold the sessions.
            starts.Add((ClusterPeer, cluster.ReadyAfter, double.NaN));
        }

        Console.WriteLine();
        Console.WriteLine($"4. Cold start (process start to 200 from /health/ready, {modelCount} model(s)) and resident memory after the load");
        foreach (var (name, ready, rss) in starts)
        {
            Console.WriteLine($"   {name,-28} ready in {ready.TotalMilliseconds,6:0} ms   RSS {(double.IsNaN(rss) ? "-" : rss.ToString("0", CultureInfo.InvariantCulture)),5} MB");
        }

        PrintRatios(limits, results, noop!);
        return 0;
    }

    private static void PrintRatios(Dictionary<int, OrtResult> limits, Dictionary<(string, int), LoadResult> r, LoadResult noop)
    {
        Console.WriteLine();
        Console.WriteLine("Ratios");
        Console.WriteLine($"   service(c64, batching on) / limit(batch 64):   {r[(On, 64)].RequestsPerSecond / limits[64].WindowsPerSecond,6:0.00}   (target >= 0.70)");

        // On a shared machine each process gets only part of the cores, so also compare CPU spent per window.
        var limitCpu = limits[64].CpuMicrosecondsPerWindow;
        Console.WriteLine($"   same, by CPU per window: limit {limitCpu:0} µs / service {r[(On, 64)].ServerCpuMicrosecondsPerRequest:0} µs = {limitCpu / r[(On, 64)].ServerCpuMicrosecondsPerRequest:0.00}");
        foreach (var c in Concurrencies)
        {
            Console.WriteLine($"   c{c,-3} service/peer: batching on {r[(On, c)].RequestsPerSecond / r[(Peer, c)].RequestsPerSecond,5:0.00}, off {r[(Off, c)].RequestsPerSecond / r[(Peer, c)].RequestsPerSecond,5:0.00};   batching on/off {r[(On, c)].RequestsPerSecond / r[(Off, c)].RequestsPerSecond,5:0.00}");
        }

        // The fair peer: one Node worker per core. Target: at least 2x it at c64 and never below it, judged on the
        // default configuration (batching on).
        foreach (var c in Concurrencies)
        {
            var ratio = r[(On, c)].RequestsPerSecond / r[(ClusterPeer, c)].RequestsPerSecond;
            var target = c == Concurrencies[^1] ? 2.0 : 1.0;
            Console.WriteLine($"   c{c,-3} service/cluster peer: batching on {ratio,5:0.00}, off {r[(Off, c)].RequestsPerSecond / r[(ClusterPeer, c)].RequestsPerSecond,5:0.00}   (target >= {target:0.0} with batching on: {(ratio >= target ? "met" : "NOT met")})");
        }

        // Service CPU per request against what it cannot avoid: the HTTP stack (no-op endpoint) plus ORT per window.
        var floor = noop.ServerCpuMicrosecondsPerRequest + limits[64].CpuMicrosecondsPerWindow;
        var cpuRatio = r[(On, 64)].ServerCpuMicrosecondsPerRequest / floor;
        Console.WriteLine($"   c64 service CPU/request / (no-op + ORT per window at batch 64): {r[(On, 64)].ServerCpuMicrosecondsPerRequest:0} µs / ({noop.ServerCpuMicrosecondsPerRequest:0} + {limits[64].CpuMicrosecondsPerWindow:0}) µs = {cpuRatio:0.00}   (target <= 1.30: {(cpuRatio <= 1.3 ? "met" : "NOT met")})");

        var ort = limits[1].RunTime;
        Console.WriteLine($"   p99 at c1 minus ORT's own batch-1 p99 ({ort.P99:0.000} ms): batching on {r[(On, 1)].Latency.P99 - ort.P99:+0.000;-0.000} ms, off {r[(Off, 1)].Latency.P99 - ort.P99:+0.000;-0.000} ms   (target < 1 ms)");
        Console.WriteLine($"   p50 at c1 minus ORT's own batch-1 p50 ({ort.P50:0.000} ms): batching on {r[(On, 1)].Latency.P50 - ort.P50:+0.000;-0.000} ms, off {r[(Off, 1)].Latency.P50 - ort.P50:+0.000;-0.000} ms");
        var best = r.Where(x => x.Key.Item1 != NoOp).Max(x => x.Value.RequestsPerSecond);
        Console.WriteLine($"   load generator: no-op endpoint at c64 {noop.RequestsPerSecond:0} req/s = {noop.RequestsPerSecond / best:0.0}x the fastest forecast point; its CPU share is in the table");
    }

    /// <summary>
    /// Every server gets the same warm-up before its first point: forecasts at the highest concurrency for
    /// <see cref="ProcessWarmUp"/>, unmeasured. Without it the first point of a fresh process (c1) also paid for the
    /// JIT's optimized recompiles, in CPU per request and in req/s, while a process measured after other points did not.
    /// </summary>
    private static Task WarmUpAsync(ServiceProcess server, ServingWorkload workload) =>
        LoadGenerator.RunAsync(server, workload.ForecastPath, workload.Bodies, Concurrencies[^1], TimeSpan.Zero, ProcessWarmUp);

    private static async Task<LoadResult> Point(ServiceProcess server, string name, string path, byte[][]? bodies, int c, TimeSpan warmup, TimeSpan seconds, Dictionary<(string, int), LoadResult> results)
    {
        var r = await LoadGenerator.RunAsync(server, path, bodies, c, warmup, seconds);
        results[(name, c)] = r;
        // ServiceProcess reads the CPU of the process it started; a cluster's workers are its children, so it is not shown.
        var cpu = name == ClusterPeer ? "-" : r.ServerCpuMicrosecondsPerRequest.ToString("0", CultureInfo.InvariantCulture) + " µs";
        Console.WriteLine($"{name,-26} {c,3} {r.RequestsPerSecond,8:0} {Ms(r.Latency.P50),9} {Ms(r.Latency.P99),9} {Ms(r.Latency.P999),9} {cpu,12} {Kb(r.ServerAllocatedBytesPerRequest),10} {r.ClientCpuShare,11:P0} {r.Errors,7}");
        return r;
    }

    private static Dictionary<string, string?> ApiSettings(ServingWorkload workload, bool batching) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Models:Root"] = workload.RepositoryRoot,
        ["Onnx:ExecutionProvider"] = "cpu",
        ["Batching:Enabled"] = batching ? "true" : "false",

        // The per-client rate limiter would answer one load generator on loopback with 429s; serving is what is timed.
        ["RateLimiting:Enabled"] = "false",

        // One completion event per request at Information would time the console, not the service.
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    private static string ApiAssembly(string root)
    {
        // Built by this project's reference, in the same configuration (bin/<Configuration>/<tfm>/).
        var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(root, "src", "ForecastService.Api", "bin", tfmDirectory.Parent!.Name, tfmDirectory.Name, "ForecastService.Api.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The service is not built at {path}.");
    }

    /// <summary>The clone this benchmark runs from (the folder holding ForecastService.sln).</summary>

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string Kb(double bytes) => double.IsNaN(bytes) ? "-" : (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    private static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
