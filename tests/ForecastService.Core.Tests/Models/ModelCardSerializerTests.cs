using ForecastService.Core.Models;

namespace ForecastService.Core.Tests.Models;

public sealed class ModelCardSerializerTests
{
    [Fact]
    public void Serialize_ThenDeserialize_KeepsEveryField()
    {
        var card = new ModelCard
        {
            Name = "energy-load",
            Version = 3,
            Domain = "energy",
            Description = "Half-hourly electricity demand",
            Lookback = 336,
            Horizon = 48,
            Frequency = "30min",
            Seasonality = 48,
            Quantiles = [0.1, 0.5, 0.9],
            Cell = "lstm",
            Layers = 2,
            Metrics = new HeldOutMetrics(10, new ForecastMetrics(0.5, 2.1, 300, 0.81, 900), new ForecastMetrics(1, 4, 600, 0.7, 1500)),
        };

        var json = ModelCardSerializer.Serialize(card);
        var back = ModelCardSerializer.Deserialize(json);

        Assert.Contains("\"lookback\": 336", json, StringComparison.Ordinal);
        Assert.Equal(card.Name, back.Name);
        Assert.Equal(card.Quantiles, back.Quantiles);
        Assert.Equal(card.Metrics, back.Metrics);
    }

    [Fact]
    public void Deserialize_MissingRequiredField_Throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ModelCardSerializer.Deserialize("{\"name\":\"x\"}"));
    }
}
