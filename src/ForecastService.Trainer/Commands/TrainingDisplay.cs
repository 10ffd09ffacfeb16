using System.Diagnostics;
using System.Globalization;
using ForecastService.Trainer.Nn;
using Spectre.Console;

namespace ForecastService.Trainer.Commands;

/// <summary>
/// Shows training progress: a live Spectre display (epoch bar with batches, losses, time per epoch and ETA) on an
/// interactive terminal, or one plain line per epoch when the output is redirected or <c>--quiet</c> is given.
/// </summary>
internal static class TrainingDisplay
{
    public static FitResult Run(TrainerConsole console, bool quiet, Func<IProgress<TrainingProgress>, FitResult> fit)
    {
        if (quiet || !console.Interactive)
        {
            var clock = Stopwatch.StartNew();
            return fit(new Callback(p =>
            {
                if (p.EpochCompleted is { } report)
                {
                    console.Line(EpochLine(report, clock.Elapsed));
                }
            }));
        }

        FitResult? result = null;
        console.Output.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var clock = Stopwatch.StartNew();
                var task = context.AddTask("starting", maxValue: 1);
                result = fit(new Callback(p =>
                {
                    if (p.EpochCompleted is { } report)
                    {
                        console.Output.MarkupLine(Markup.Escape(EpochLine(report, clock.Elapsed)));
                        return;
                    }

                    task.MaxValue = p.Batches;
                    task.Value = p.Batch;
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs}  batch {p.Batch}/{p.Batches}  train loss {p.RunningTrainLoss:F4}"));
                }));
            });
        return result!;
    }

    private static string EpochLine(EpochReport report, TimeSpan elapsed)
    {
        var perEpoch = elapsed / report.Epoch;
        var eta = perEpoch * (report.Epochs - report.Epoch);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {report.Epoch,3}/{report.Epochs}  train {report.TrainLoss:F4}  validation {report.ValidationLoss:F4}  lr {report.LearningRate:G3}  {report.Elapsed.TotalSeconds:F1} s/epoch  ETA ≤ {Duration(eta)}{(report.IsBest ? "  *best" : string.Empty)}");
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}h{span.Minutes:D2}m" : $"{span.Minutes}m{span.Seconds:D2}s";

    /// <summary>Handles each report synchronously on the training thread (Progress&lt;T&gt; would post them out of order).</summary>
    private sealed class Callback(Action<TrainingProgress> handler) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => handler(value);
    }
}
