using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Tests.Forecasting;

public sealed class ForecastOutputTests
{
    // Two windows, horizon 3, quantiles 2, as the model writes them ([batch, horizon, quantiles]):
    // value = 100 * window + 10 * step + quantile.
    private static readonly float[] Rows = [0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121];

    [Fact]
    public void FromRows_IndexerAndColumns_ReadTheModelsValues()
    {
        var output = ForecastOutput.FromRows(2, 3, 2, Rows);

        Assert.Equal(121f, output[1, 2, 1]);
        Assert.Equal(10f, output[0, 1, 0]);
        Assert.Equal([100f, 110f, 120f], output.Column(1, 0).ToArray());
        Assert.Equal([1f, 11f, 21f], output.Column(0, 1).ToArray());
        Assert.Equal(Rows, output.ToRows());
    }

    [Fact]
    public void TransposeRows_IntoALaterWindow_LeavesTheOthersAlone()
    {
        var columns = new float[2 * 3 * 2];
        Array.Fill(columns, -1f);

        ForecastOutput.TransposeRows(Rows.AsSpan(6, 6), 1, 3, 2, columns, first: 1);

        // Window 1 as columns: quantile 0 over the horizon, then quantile 1.
        Assert.Equal([100f, 110f, 120f, 101f, 111f, 121f], columns[6..]);
        Assert.All(columns[..6], v => Assert.Equal(-1f, v));
    }

    [Fact]
    public void FromColumns_TakesTheArrayWithoutCopying()
    {
        float[] columns = [0, 10, 20, 1, 11, 21];

        var output = ForecastOutput.FromColumns(1, 3, 2, columns);
        columns[4] = 99;

        Assert.Equal(99f, output[0, 1, 1]);
    }

    [Fact]
    public void IsFinite_NaNInOneWindow_OnlyThatWindow()
    {
        var rows = (float[])Rows.Clone();
        rows[7] = float.NaN;

        var output = ForecastOutput.FromRows(2, 3, 2, rows);

        Assert.True(output.IsFinite(0));
        Assert.False(output.IsFinite(1));
    }

    [Fact]
    public void FromRows_WrongLength_Refused()
    {
        Assert.Throws<ArgumentException>(() => ForecastOutput.FromRows(2, 3, 2, Rows.AsSpan(1)));
    }
}
