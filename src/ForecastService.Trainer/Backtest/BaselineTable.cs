namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// Baselines' MASE per (series, method): the kit's <c>baselines.csv</c>, methods in the order the file lists them
/// (naive, snaive, ets, auto.arima, nnetar, prophet in the public kit), or figures computed here for a user's CSV.
/// </summary>
internal sealed class BaselineTable
{
    public const string FileName = "baselines.csv";

    private readonly Dictionary<(string Series, string Method), double> _mase;

    private BaselineTable(IReadOnlyList<string> methods, Dictionary<(string, string), double> mase)
    {
        Methods = methods;
        _mase = mase;
    }

    public static BaselineTable Empty { get; } = new([], []);

    public IReadOnlyList<string> Methods { get; }

    /// <summary>A table of MASE figures computed here, methods in the order they first appear.</summary>
    public static BaselineTable Of(IEnumerable<(string Series, string Method, double Mase)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var methods = new List<string>();
        var mase = new Dictionary<(string, string), double>();
        foreach (var (series, method, value) in entries)
        {
            if (!methods.Contains(method))
            {
                methods.Add(method);
            }

            mase[(series, method)] = value;
        }

        return new BaselineTable(methods, mase);
    }

    public static BaselineTable Read(string path)
    {
        var table = CsvTable.Read(path);
        table.Require("series", "method", "MASE");
        var methods = new List<string>();
        var mase = new Dictionary<(string, string), double>();
        foreach (var row in table.Rows)
        {
            var method = table.Text(row, "method");
            if (!methods.Contains(method))
            {
                methods.Add(method);
            }

            mase[(table.Text(row, "series"), method)] = table.Number(row, "MASE");
        }

        return new BaselineTable(methods, mase);
    }

    /// <summary>The method's MASE on the series, or NaN when the file has none (or NA).</summary>
    public double Mase(string series, string method) => _mase.TryGetValue((series, method), out var value) ? value : double.NaN;
}
