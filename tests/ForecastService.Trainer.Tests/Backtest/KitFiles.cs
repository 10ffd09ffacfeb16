using System.Globalization;
using System.Text;

namespace ForecastService.Trainer.Tests.Backtesting;

/// <summary>Writes a kit in the accuracy kit's format (R's write.csv quoting) into a temp folder: DIR/data/… and DIR/baselines.csv.</summary>
internal static class KitFiles
{
    public const string SeriesHeader = "\"series\",\"domain\",\"file\",\"package\",\"object\",\"frequency\",\"n\",\"m\",\"periods\",\"H\",\"L\",\"K\",\"stride\",\"first_timestamp\",\"last_timestamp\",\"note\"";
    public const string OriginsHeader = "\"series\",\"origin_index\",\"train_n\",\"last_seen_timestamp\",\"first_target_timestamp\",\"last_target_timestamp\"";

    /// <summary>A daily series entry: n rows from 2024-01-01, origins train_n(k) = n − H − (K − k)·H.</summary>
    public sealed record Entry(string Id, double[] Values, int M, int H, int L, int K, bool WriteFile = true)
    {
        public int[] TrainN => [.. Enumerable.Range(1, K).Select(k => Values.Length - H - ((K - k) * H))];
    }

    /// <returns>The kit's data folder.</returns>
    public static string Write(TempDirectory temp, string name, IReadOnlyList<Entry> entries, string? baselines = null)
    {
        var root = Path.Combine(temp.Path, name);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        var series = new StringBuilder(SeriesHeader).Append('\n');
        var origins = new StringBuilder(OriginsHeader).Append('\n');
        var start = new DateTime(2024, 1, 1);
        foreach (var e in entries)
        {
            var n = e.Values.Length;
            series.Append(CultureInfo.InvariantCulture, $"\"{e.Id}\",\"sensor\",\"{e.Id}.csv\",\"pkg\",\"obj\",\"daily\",{n},{e.M},\"{e.M};365\",{e.H},{e.L},{e.K},{e.H},\"{start:yyyy-MM-dd}\",\"{start.AddDays(n - 1):yyyy-MM-dd}\",\"generated, for a test; \"\"quoted\"\" text\"\n");
            for (var k = 1; k <= e.K; k++)
            {
                var trainN = e.TrainN[k - 1];
                origins.Append(CultureInfo.InvariantCulture, $"\"{e.Id}\",{k},{trainN},\"{start.AddDays(trainN - 1):yyyy-MM-dd}\",\"{start.AddDays(trainN):yyyy-MM-dd}\",\"{start.AddDays(trainN + e.H - 1):yyyy-MM-dd}\"\n");
            }

            if (e.WriteFile)
            {
                var rows = new StringBuilder("timestamp,value\n");
                for (var t = 0; t < n; t++)
                {
                    rows.Append(CultureInfo.InvariantCulture, $"{start.AddDays(t):yyyy-MM-dd},{e.Values[t]:R}\n");
                }

                File.WriteAllText(Path.Combine(data, $"{e.Id}.csv"), rows.ToString());
            }
        }

        File.WriteAllText(Path.Combine(data, "series.csv"), series.ToString());
        File.WriteAllText(Path.Combine(data, "origins.csv"), origins.ToString());
        if (baselines is not null)
        {
            File.WriteAllText(Path.Combine(root, "baselines.csv"), baselines);
        }

        return data;
    }
}
