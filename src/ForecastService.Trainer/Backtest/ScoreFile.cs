using System.Globalization;
using System.Text;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// Writes every series' figures at full precision (<c>series,MASE,sMAPE,coverage80,width80,train_seconds,problem</c>),
/// for comparing runs or checking the scorer against the kit's <c>baselines.csv</c> beyond the table's three digits.
/// </summary>
internal static class ScoreFile
{
    public static void Write(string path, IReadOnlyList<SeriesOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var text = new StringBuilder("series,MASE,sMAPE,coverage80,width80,train_seconds,problem\n");
        foreach (var o in outcomes)
        {
            var s = o.Score;
            var problem = o.Problem is null ? string.Empty : $"\"{o.Problem.Replace("\"", "\"\"", StringComparison.Ordinal).ReplaceLineEndings(" ")}\"";
            text.Append(CultureInfo.InvariantCulture, $"{o.Id},{s?.Mase:R},{s?.Smape:R},{s?.Coverage80:R},{s?.Width80:R},{o.TrainingTime?.TotalSeconds:R},{problem}\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
