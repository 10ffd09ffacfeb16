using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.Trainer.Export;
using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Tests.Nn;

namespace ForecastService.Trainer.Tests.Export;

public class ForecastModelExporterTests
{
    public static TheoryData<CellType, int, int, int> Shapes => new()
    {
        { CellType.Lstm, 1, 0, 2 },
        { CellType.Lstm, 2, 6, 3 },
        { CellType.Gru, 1, 6, 2 },
        { CellType.Gru, 3, 0, 2 },
        { CellType.Rnn, 1, 0, 1 },
        { CellType.Rnn, 2, 6, 2 },
        { CellType.Lstm, 2, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Export_RandomNetwork_OnnxRuntimeMatchesPredict(CellType cell, int layers, int headHidden, int covariates)
    {
        var config = new NetworkConfig(cell, layers, 10, 0.2f, 12, 4, covariates, [0.05f, 0.25f, 0.5f, 0.75f, 0.95f], headHidden);
        var network = Perturbed(new ForecastNetwork(config, seed: 21), seed: 4);
        // Mixed levels, from near zero to large, and a constant window, which exercises the scale floor.
        var windows = SyntheticWindows.Random(9, 12, 4, covariates, seed: 8, level: 250, spread: 40);
        Array.Fill(windows.Values, 17f, 0, 12);
        for (var j = 12; j < 24; j++)
        {
            windows.Values[j] *= 1e-3f;
        }

        var model = ForecastModelExporter.Export(network, new Dictionary<string, string>());

        var difference = ForecastModelExporter.MaxScaledDifference(model, network, windows);

        Assert.True(difference < 1e-4, $"ONNX Runtime and Predict differ by {difference:G3} scales.");
    }

    [Fact]
    public void Export_Metadata_GraphContractAndMetadataProps()
    {
        var config = new NetworkConfig(CellType.Lstm, 2, 8, 0f, 24, 6, 4, [0.1f, 0.5f, 0.9f]);
        var network = new ForecastNetwork(config, seed: 1);
        var metadata = new Dictionary<string, string> { [ModelContract.Metadata.Domain] = "energy", [ModelContract.Metadata.Lookback] = "24" };

        var model = ForecastModelExporter.Export(network, metadata);

        using var session = OnnxSession.Load(model);
        Assert.Equal("energy", session.CustomMetadata[ModelContract.Metadata.Domain]);
        Assert.Equal("24", session.CustomMetadata[ModelContract.Metadata.Lookback]);
        Assert.Equal(
            [ModelContract.ValuesInput, ModelContract.PastCovariatesInput, ModelContract.FutureCovariatesInput],
            session.Inputs.Select(i => i.Name));
        Assert.Equal(ModelContract.QuantilesOutput, Assert.Single(session.Outputs).Name);
    }

    [Fact]
    public void Predict_AnyWindow_QuantilesAscendAndScaleWithTheInput()
    {
        var config = new NetworkConfig(CellType.Gru, 1, 6, 0f, 10, 3, 2, [0.1f, 0.5f, 0.9f], 4);
        var network = Perturbed(new ForecastNetwork(config, seed: 3), seed: 9);
        var low = SyntheticWindows.Random(5, 10, 3, 2, seed: 2, level: 3, spread: 1);
        var high = SyntheticWindows.Random(5, 10, 3, 2, seed: 2, level: 3, spread: 1);
        for (var i = 0; i < high.Values.Length; i++)
        {
            high.Values[i] = 1000 * low.Values[i];
        }

        var qLow = network.Predict(low);
        var qHigh = network.Predict(high);

        for (var i = 0; i < qLow.Length; i++)
        {
            // Scaling inside the model: multiplying a window by k multiplies its forecasts by k (mean, std and the
            // level floor all scale with k; only the 1e-6 absolute floor does not).
            Assert.Equal(1000 * qLow[i], qHigh[i], 1e-4f * Math.Abs(qHigh[i]));
            if (i % 3 != 0)
            {
                Assert.True(qLow[i] > qLow[i - 1]);
            }
        }
    }

    /// <summary>Larger, less regular weights than the initializer's, so the comparison covers saturating activations.</summary>
    private static ForecastNetwork Perturbed(ForecastNetwork network, int seed)
    {
        var rng = new Random(seed);
        var p = network.GetParameters();
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = (p[i] * 2) + (float)((rng.NextDouble() - 0.5) * 0.6);
        }

        return ForecastNetwork.FromParameters(network.Config, p);
    }
}
