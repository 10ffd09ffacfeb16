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
            Streaming = new StreamingSupport(true, "step.onnx", "ab12"),
        };

        var json = ModelCardSerializer.Serialize(card);
        var back = ModelCardSerializer.Deserialize(json);

        Assert.Contains("\"lookback\": 336", json, StringComparison.Ordinal);
        Assert.Equal(card.Name, back.Name);
        Assert.Equal(card.Quantiles, back.Quantiles);
        Assert.Equal(card.Metrics, back.Metrics);
        Assert.Equal(card.Streaming, back.Streaming);
    }

    [Fact]
    public void Deserialize_StreamingSection_ReadsContractNames()
    {
        const string Json = """
            { "name": "m", "version": 1, "domain": "sensor", "description": "d", "lookback": 4, "horizon": 2,
              "frequency": "1h", "quantiles": [0.5], "cell": "lstm",
              "streaming": { "supported": true, "stepModel": "step.onnx", "sha256": "00ff" } }
            """;

        var card = ModelCardSerializer.Deserialize(Json);

        Assert.Equal(new StreamingSupport(true, "step.onnx", "00ff"), card.Streaming);
    }

    [Fact]
    public void Deserialize_OldCardWithoutStepModel_NotSupported()
    {
        const string Json = """
            { "name": "m", "version": 1, "domain": "sensor", "description": "d", "lookback": 4, "horizon": 2,
              "frequency": "1h", "quantiles": [0.5], "cell": "lstm", "streaming": { "supported": false } }
            """;

        var card = ModelCardSerializer.Deserialize(Json);

        Assert.False(card.Streaming!.Supported);
        Assert.Null(card.Streaming.StepModel);
        Assert.Null(card.Streaming.Sha256);
    }

    [Fact]
    public void Deserialize_MissingRequiredField_Throws()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ModelCardSerializer.Deserialize("{\"name\":\"x\"}"));
    }
}
