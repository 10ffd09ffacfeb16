using System.Diagnostics;
using ForecastService.Core.Models;
using ForecastService.Inference;

namespace ForecastService.Benchmarks.Serving;

/// <summary>The ceiling: the model run in-process through ForecastService.Inference, zero-copy, one thread, as the service configures it.</summary>
internal static class OrtLimit
{
    public static OrtResult Measure(ServingWorkload workload, int batch, TimeSpan duration)
    {
        using var session = OnnxSession.Load(workload.ModelPath, new OnnxSessionOptions { IntraOpThreads = 1, InterOpThreads = 1 });
        var input = workload.Input(0, batch);
        var s = workload.Signature;
        var output = new float[batch * s.Horizon * s.Quantiles.Count];
        NamedTensor[] inputs =
        [
            new(ModelContract.ValuesInput, input.Values, input.ValuesShape),
            new(ModelContract.PastCovariatesInput, input.PastCovariates, input.PastCovariatesShape),
            new(ModelContract.FutureCovariatesInput, input.FutureCovariates, input.FutureCovariatesShape),
        ];
        NamedTensor[] outputs = [new(ModelContract.QuantilesOutput, output, [batch, s.Horizon, s.Quantiles.Count])];

        var warmupEnd = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 4);
        while (Stopwatch.GetTimestamp() < warmupEnd)
        {
            session.Run(inputs, outputs);
        }

        var times = new List<long>();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long now;
        do
        {
            var t0 = Stopwatch.GetTimestamp();
            session.Run(inputs, outputs);
            now = Stopwatch.GetTimestamp();
            times.Add(now - t0);
        }
        while (now < end);

        var seconds = (double)(now - started) / Stopwatch.Frequency;
        self.Refresh();
        var cpuPerWindow = (self.TotalProcessorTime - cpuBefore).TotalMicroseconds / (times.Count * batch);
        return new OrtResult(batch, times.Count * batch / seconds, cpuPerWindow, Latency.FromTicks(times));
    }
}

/// <summary>One batch size's ceiling; <c>CpuMicrosecondsPerWindow</c> is the benchmark process's CPU (only ORT runs then) per window.</summary>
internal sealed record OrtResult(int Batch, double WindowsPerSecond, double CpuMicrosecondsPerWindow, Latency RunTime);
