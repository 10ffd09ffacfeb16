using System.Globalization;
using System.Text;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// The kit's forecast file: a header <c>series,origin_index,step,q10,q50,q90</c> and one row per (series, origin, step).
/// Reading accepts any column order, quoted fields and extra columns (the kit's <c>baselines_forecasts.csv</c> adds
/// <c>method</c>).
/// </summary>
internal static class ForecastFile
{
    public const string Header = "series,origin_index,step,q10,q50,q90";

    /// <summary>Writes the rows through a scratch file, so an interrupted run leaves the previous file whole.</summary>
    public static void Write(string path, IEnumerable<ForecastRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Quote(r.Series)},{r.Origin},{r.Step},{r.Q10:R},{r.Q50:R},{r.Q90:R}\n");
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var scratch = full + ".tmp";
        File.WriteAllText(scratch, text.ToString());
        File.Move(scratch, full, overwrite: true);
    }

    /// <summary>Every row, or with <paramref name="method"/> only the rows whose <c>method</c> column says so.</summary>
    public static IReadOnlyList<ForecastRow> Read(string path, string? method = null)
    {
        var table = CsvTable.Read(path);
        table.Require("series", "origin_index", "step", "q10", "q50", "q90");
        if (method is not null)
        {
            table.Require("method");
        }

        var rows = new List<ForecastRow>();
        foreach (var row in table.Rows)
        {
            if (method is not null && table.Text(row, "method") != method)
            {
                continue;
            }

            rows.Add(new ForecastRow(
                table.Text(row, "series"),
                table.Integer(row, "origin_index"),
                table.Integer(row, "step"),
                table.Number(row, "q10"),
                table.Number(row, "q50"),
                table.Number(row, "q90")));
        }

        return rows.Count > 0 || method is null
            ? rows
            : throw new DataFileException(path, null, $"no rows of method '{method}'");
    }

    /// <summary>Quotes a series id only when it needs it (a comma, quote or line break).</summary>
    private static string Quote(string id) =>
        id.AsSpan().IndexOfAny(",\"\r\n") < 0 ? id : $"\"{id.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
