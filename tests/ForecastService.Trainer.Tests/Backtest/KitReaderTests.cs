using ForecastService.Trainer.Backtesting;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Tests.Backtesting;

public sealed class KitReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Read_QuotedKitTables_SeriesRowsAndOrigins()
    {
        double[] values = [.. Enumerable.Range(0, 20).Select(i => 0.5 + i)];
        var data = KitFiles.Write(_temp, "kit", [new("a_d", values, M: 7, H: 2, L: 5, K: 3)]);

        var source = Assert.Single(KitReader.Read(data));
        var series = source.Load();

        Assert.Equal("a_d", source.Id);
        Assert.Equal(("a_d", "sensor", "daily"), (series.Id, series.Domain, series.Frequency));
        Assert.Equal((7, 2, 5), (series.Seasonality, series.Horizon, series.Lookback));

        // train_n(k) = 20 − 2 − (3 − k)·2.
        Assert.Equal([14, 16, 18], series.Origins);
        Assert.Equal(values, series.Values);
        Assert.Equal(new DateTimeOffset(2024, 1, 20, 0, 0, 0, TimeSpan.Zero), series.Timestamps[^1]);
    }

    [Fact]
    public void Read_OriginsDisagreeWithProtocol_SeriesRefusedWithBoth()
    {
        var data = KitFiles.Write(_temp, "kit", [new("a_d", new double[20], M: 1, H: 2, L: 5, K: 3)]);
        var origins = Path.Combine(data, "origins.csv");
        File.WriteAllText(origins, File.ReadAllText(origins).Replace("\"a_d\",2,16,", "\"a_d\",2,15,", StringComparison.Ordinal));

        var error = Assert.Throws<DataFileException>(() => KitReader.Read(data)[0].Load());

        Assert.Contains("origins 1:14, 2:15, 3:18 are not 1..3 with train_n = n − H − (K − k)·stride = 14, 16, 18", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileRowsDifferFromN_SeriesRefused()
    {
        var data = KitFiles.Write(_temp, "kit", [new("a_d", new double[20], M: 1, H: 2, L: 5, K: 3)]);
        var file = Path.Combine(data, "a_d.csv");
        File.WriteAllLines(file, File.ReadAllLines(file)[..^1]);

        var error = Assert.Throws<DataFileException>(() => KitReader.Read(data)[0].Load());

        Assert.Contains("19 rows, but series.csv says n = 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeriesTableLacksColumn_NamesIt()
    {
        var data = KitFiles.Write(_temp, "kit", [new("a_d", new double[20], M: 1, H: 2, L: 5, K: 3)]);
        var table = Path.Combine(data, "series.csv");
        File.WriteAllText(table, File.ReadAllText(table).Replace("\"stride\",", "\"step\",", StringComparison.Ordinal));

        var error = Assert.Throws<DataFileException>(() => KitReader.Read(data));

        Assert.Contains("missing column(s) stride", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
