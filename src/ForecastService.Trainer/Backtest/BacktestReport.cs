using System.Globalization;
using Spectre.Console;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// Prints the backtest table: per series MASE, sMAPE, coverage and width of the 80% interval and training time, next
/// to every baseline's MASE and the ratios to seasonal naive and ETS, then geometric means over the scored series
/// (baselines over the same series, so the means compare like with like) and every series NOT SCORED with its reason.
/// </summary>
internal static class BacktestReport
{
    public const string Naive = "naive";
    public const string SeasonalNaive = "snaive";
    public const string Ets = "ets";

    /// <summary>A series counts as clearly worse than seasonal naive above this ratio (issue 12's target).</summary>
    public const double WorseThanSeasonalNaive = 1.03;

    public static void Print(IAnsiConsole output, IReadOnlyList<SeriesOutcome> outcomes, BaselineTable baselines)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(baselines);
        var scored = outcomes.Where(o => o.Score is not null).ToArray();
        var methods = baselines.Methods;
        var hasSnaive = methods.Contains(SeasonalNaive);
        var hasEts = methods.Contains(Ets);

        var table = new Table().AddColumn("series").AddColumn("MASE").AddColumn("sMAPE").AddColumn("cov80").AddColumn("width80").AddColumn("train s");
        foreach (var method in methods)
        {
            table.AddColumn(Markup.Escape(method));
        }

        if (hasSnaive)
        {
            table.AddColumn("/ snaive");
        }

        if (hasEts)
        {
            table.AddColumn("/ ets");
        }

        foreach (var o in outcomes)
        {
            var cells = new List<string> { Markup.Escape(o.Id) };
            if (o.Score is { } s)
            {
                cells.AddRange([F3(s.Mase), F(s.Smape, "F2"), F(s.Coverage80, "F2"), F(s.Width80, "G4"), o.TrainingTime is { } t ? F(t.TotalSeconds, "F1") : "-"]);
                cells.AddRange(methods.Select(m => F3(baselines.Mase(o.Id, m))));
                if (hasSnaive)
                {
                    cells.Add(F3(s.Mase / baselines.Mase(o.Id, SeasonalNaive)));
                }

                if (hasEts)
                {
                    cells.Add(F3(s.Mase / baselines.Mase(o.Id, Ets)));
                }
            }
            else
            {
                cells.Add("NOT SCORED");
                cells.AddRange(Enumerable.Repeat(string.Empty, 4 + methods.Count + (hasSnaive ? 1 : 0) + (hasEts ? 1 : 0)));
            }

            table.AddRow(cells.ToArray());
        }

        if (scored.Length > 0)
        {
            var ids = scored.Select(o => o.Id).ToArray();
            var model = GeometricMean(scored.Select(o => o.Score!.Mase));
            var cells = new List<string>
            {
                $"geometric mean ({scored.Length})",
                F3(model),
                F(scored.Average(o => o.Score!.Smape), "F2"),
                F(scored.Average(o => o.Score!.Coverage80), "F2"),
                string.Empty,
                scored.Any(o => o.TrainingTime is not null) ? F(scored.Sum(o => o.TrainingTime?.TotalSeconds ?? 0), "F1") : "-",
            };
            cells.AddRange(methods.Select(m => F3(GeometricMean(ids.Select(id => baselines.Mase(id, m))))));
            if (hasSnaive)
            {
                cells.Add(F3(model / GeometricMean(ids.Select(id => baselines.Mase(id, SeasonalNaive)))));
            }

            if (hasEts)
            {
                cells.Add(F3(model / GeometricMean(ids.Select(id => baselines.Mase(id, Ets)))));
            }

            table.AddRow(cells.ToArray());
        }

        output.Write(table);
        output.WriteLine("sMAPE and cov80 in the last row are plain means; train s there is the total.");
        Summarize(output, scored, baselines, hasSnaive);
        foreach (var o in outcomes.Where(o => o.Score is null))
        {
            output.WriteLine($"NOT SCORED {o.Id}: {o.Problem}");
        }
    }

    /// <summary>exp(mean(log x)); NaN when any value is missing or not positive, so a gap is never averaged away.</summary>
    public static double GeometricMean(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var logs = values.Select(v => v > 0 && double.IsFinite(v) ? Math.Log(v) : double.NaN).ToArray();
        return logs.Length == 0 ? double.NaN : Math.Exp(logs.Average());
    }

    private static void Summarize(IAnsiConsole output, SeriesOutcome[] scored, BaselineTable baselines, bool hasSnaive)
    {
        if (scored.Length == 0)
        {
            output.WriteLine("no series was scored");
            return;
        }

        var lowest = scored.MinBy(o => o.Score!.Coverage80)!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scored {scored.Length} series: geometric-mean MASE {GeometricMean(scored.Select(o => o.Score!.Mase)):F3}; mean coverage80 {scored.Average(o => o.Score!.Coverage80):F2} (lowest {lowest.Score!.Coverage80:F2}, {lowest.Id})"));
        if (hasSnaive)
        {
            var worse = scored.Where(o => !(o.Score!.Mase <= WorseThanSeasonalNaive * baselines.Mase(o.Id, SeasonalNaive))).Select(o => o.Id).ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MASE above {WorseThanSeasonalNaive}× seasonal naive's on {worse.Length} of {scored.Length}{(worse.Length > 0 ? ": " + string.Join(", ", worse) : string.Empty)}"));
        }

        var sorted = scored.Sum(o => o.Score!.SortedRows);
        if (sorted > 0)
        {
            output.WriteLine($"{sorted} rows with crossing quantiles were sorted before scoring");
        }
    }

    private static string F3(double value) => F(value, "F3");

    private static string F(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
