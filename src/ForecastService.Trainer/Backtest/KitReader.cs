using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// Reads an accuracy kit (the format of <c>../shared/accuracy/data</c>): <c>series.csv</c> (one row per series: file,
/// frequency, n, m, H, L, K, stride), <c>origins.csv</c> (train_n of every origin) and the <c>timestamp,value</c> file
/// of each series. The two tables must be readable; each series file is read when its turn comes.
/// </summary>
internal static class KitReader
{
    public const string SeriesFileName = "series.csv";
    public const string OriginsFileName = "origins.csv";

    public static IReadOnlyList<BacktestSource> Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataFileException(directory, null, "no such kit folder");
        }

        var table = CsvTable.Read(Path.Combine(directory, SeriesFileName));
        table.Require("series", "domain", "file", "frequency", "n", "m", "H", "L", "K", "stride");
        var origins = ReadOrigins(Path.Combine(directory, OriginsFileName));
        var sources = new List<BacktestSource>();
        foreach (var row in table.Rows)
        {
            var id = table.Text(row, "series");
            var entry = new Entry(
                id,
                table.Text(row, "domain"),
                Path.Combine(directory, table.Text(row, "file")),
                table.Text(row, "frequency"),
                table.Integer(row, "n"),
                table.Integer(row, "m"),
                table.Integer(row, "H"),
                table.Integer(row, "L"),
                table.Integer(row, "K"),
                table.Integer(row, "stride"));
            var trainN = origins.TryGetValue(id, out var list) ? list : [];
            sources.Add(new BacktestSource(id, () => Load(entry, trainN)));
        }

        return sources.Count > 0 ? sources : throw new DataFileException(table.File, null, "the kit names no series");
    }

    private static Dictionary<string, List<(int Origin, int TrainN)>> ReadOrigins(string path)
    {
        var table = CsvTable.Read(path);
        table.Require("series", "origin_index", "train_n");
        var origins = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var id = table.Text(row, "series");
            if (!origins.TryGetValue(id, out var list))
            {
                origins[id] = list = [];
            }

            list.Add((table.Integer(row, "origin_index"), table.Integer(row, "train_n")));
        }

        return origins;
    }

    private static BacktestSeries Load(Entry e, List<(int Origin, int TrainN)> origins)
    {
        var raw = CsvSeriesReader.Read(e.File, e.File);
        if (raw.Count != 1)
        {
            throw new DataFileException(e.File, null, $"expected one series, found {raw.Count}");
        }

        var rows = raw[0];
        if (rows.Values.Count != e.N)
        {
            throw new DataFileException(e.File, null, $"{rows.Values.Count} rows, but {SeriesFileName} says n = {e.N}");
        }

        if (e.M < 1 || e.H < 1 || e.K < 1 || e.Stride < 1)
        {
            throw new DataFileException(SeriesFileName, null, $"series '{e.Id}': m, H, K and stride must be at least 1");
        }

        // origins.csv must list origins 1..K with the protocol's train_n(k) = n − H − (K − k)·stride, which is what
        // the kit's own scorer assumes; a kit that disagrees with itself cannot be scored.
        var ordered = origins.OrderBy(o => o.Origin).ToArray();
        var trainN = new int[e.K];
        for (var k = 1; k <= e.K; k++)
        {
            trainN[k - 1] = e.N - e.H - ((e.K - k) * e.Stride);
        }

        if (ordered.Length != e.K || ordered.Select(o => o.Origin).Where((o, i) => o != i + 1).Any() || !ordered.Select(o => o.TrainN).SequenceEqual(trainN))
        {
            throw new DataFileException(OriginsFileName, null, $"series '{e.Id}': origins {string.Join(", ", ordered.Select(o => $"{o.Origin}:{o.TrainN}"))} are not 1..{e.K} with train_n = n − H − (K − k)·stride = {string.Join(", ", trainN)}");
        }

        if (trainN[0] < 2)
        {
            throw new DataFileException(SeriesFileName, null, $"series '{e.Id}': origin 1 leaves {trainN[0]} rows to train on");
        }

        return new BacktestSeries(e.Id, e.Domain, e.Frequency, e.M, e.H, e.L, [.. rows.Timestamps], [.. rows.Values], trainN);
    }

    private sealed record Entry(string Id, string Domain, string File, string Frequency, int N, int M, int H, int L, int K, int Stride);
}
