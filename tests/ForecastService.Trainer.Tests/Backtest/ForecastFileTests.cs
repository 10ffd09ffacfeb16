using ForecastService.Trainer.Backtesting;

namespace ForecastService.Trainer.Tests.Backtesting;

public sealed class ForecastFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Write_Rows_KitHeaderAndRoundTrip()
    {
        ForecastRow[] rows = [new("energy_ukgas_q", 1, 1, 851.2, 902.4000000000001, 953.6), new("a,b", 10, 4, -0.1, 1e-300, 3.0e15)];
        var path = Path.Combine(_temp.Path, "out", "fc.csv");

        ForecastFile.Write(path, rows);

        var lines = File.ReadAllLines(path);
        Assert.Equal("series,origin_index,step,q10,q50,q90", lines[0]);
        Assert.Equal("energy_ukgas_q,1,1,851.2,902.4000000000001,953.6", lines[1]);
        Assert.Equal("\"a,b\",10,4,-0.1,1E-300,3000000000000000", lines[2]);
        Assert.Equal(rows, ForecastFile.Read(path));
    }

    [Fact]
    public void Read_BaselineFormatWithMethod_QuotedNumbersOneMethod()
    {
        // The kit's baselines_forecasts.csv: quoted header, a leading method column, numbers in quotes.
        var path = _temp.Write("baselines_forecasts.csv", """
            "method","series","origin_index","step","q10","q50","q90"
            "naive","s",1,1,"351.04","483.5","615.95"
            "ets","s",1,1,"1","2","3"
            "ets","s",1,2,"NA","2","3"
            """);

        var rows = ForecastFile.Read(path, "ets");

        Assert.Equal(2, rows.Count);
        Assert.Equal(new ForecastRow("s", 1, 1, 1, 2, 3), rows[0]);
        Assert.True(double.IsNaN(rows[1].Q10));
    }

    [Fact]
    public void Read_BaselinesCsv_MaseByMethodInFileOrder()
    {
        var path = _temp.Write("baselines.csv", """
            "series","domain","method","n_origins","MASE","sMAPE"
            "s","sensor","naive",10,2.5,1
            "s","sensor","snaive",10,1.25,1
            "t","sensor","naive",10,NA,1
            """);

        var table = BaselineTable.Read(path);

        Assert.Equal(["naive", "snaive"], table.Methods);
        Assert.Equal(1.25, table.Mase("s", "snaive"));
        Assert.True(double.IsNaN(table.Mase("t", "naive")));
        Assert.True(double.IsNaN(table.Mase("t", "snaive")));
    }

    public void Dispose() => _temp.Dispose();
}
