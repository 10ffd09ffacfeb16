using System.Text.Json;
using ForecastService.Core.Models;
using ForecastService.Trainer.Cards;
using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Tests.Cards;

public sealed class ExampleRequestTests
{
    [Fact]
    public void Serialize_HeldOutWindow_GivesLookbackTimestampsAndValuesBeforeOrigin()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var values = Enumerable.Range(0, 30).Select(i => i * 1.5).ToArray();
        var series = new TimeSeries("river", "x.csv", [.. values.Select((_, i) => start.AddDays(i))], values, 0);

        var json = ExampleRequest.Serialize(ExampleRequest.Create(series, origin: 25, lookback: 10), Card(lookback: 10));

        using var document = JsonDocument.Parse(json);
        var only = Assert.Single(document.RootElement.GetProperty("series").EnumerateArray());
        Assert.Equal("river", only.GetProperty("id").GetString());
        Assert.Equal(Enumerable.Range(15, 10).Select(i => i * 1.5), only.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("2020-01-16T00:00:00Z", only.GetProperty("timestamps")[0].GetString());
        Assert.Equal("2020-01-25T00:00:00Z", only.GetProperty("timestamps")[9].GetString());
        Assert.False(document.RootElement.TryGetProperty("horizon", out _));
    }

    [Fact]
    public void Serialize_WindowShorterThanModelLookback_Refused()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var series = new TimeSeries("s", "x.csv", [.. Enumerable.Range(0, 10).Select(i => start.AddDays(i))], [.. Enumerable.Range(0, 10).Select(i => (double)i)], 0);

        Assert.Throws<InvalidOperationException>(() => ExampleRequest.Serialize(ExampleRequest.Create(series, 8, 5), Card(lookback: 6)));
    }

    private static ModelCard Card(int lookback) => new()
    {
        Name = "m",
        Version = 1,
        Domain = "sensor",
        Description = "d",
        Lookback = lookback,
        Horizon = 3,
        Frequency = "1d",
        Quantiles = [0.1, 0.5, 0.9],
        Cell = "lstm",
    };
}
