using ForecastService.Trainer.Evaluation;
using ForecastService.Trainer.Export;
using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Recipes;
using ForecastService.Trainer.Tests.Nn;

namespace ForecastService.Trainer.Tests.Export;

/// <summary>Networks anchored on a classical forecast, exported and run under the real ONNX Runtime.</summary>
public sealed class AnchoredExportTests
{
    private const int Lookback = 12;
    private const int Horizon = 4;
    private const int Rows = 5;
    private const int Covariates = 2;
    private static readonly float[] Quantiles = [0.1f, 0.5f, 0.9f];
    private static readonly Dictionary<string, string> NoMetadata = [];

    public static TheoryData<string, float, bool> Anchors => new()
    {
        { "naive (last value)", 1f, false },
        { "seasonal naive (same quarter last year)", 0.5f, true },
        { "Theta (SES alpha 0.2 + half drift)", 0f, true },
    };

    [Theory]
    [MemberData(nameof(Anchors))]
    public void Export_AnchoredNetwork_OnnxRuntimeMatchesTrainer(string member, float gain, bool offsets)
    {
        var network = Network(member, gain, offsets);
        var windows = SyntheticWindows.Random(Rows, Lookback, Horizon, Covariates, seed: 9, level: 50, spread: 10);

        var difference = ForecastModelExporter.MaxScaledDifference(ForecastModelExporter.Export(network, NoMetadata), network, windows);

        Assert.True(difference < 1e-4, $"max scaled difference {difference}");
    }

    [Theory]
    [MemberData(nameof(Anchors))]
    public void ExportStep_AnchoredNetworkWarmedInChunks_MatchesWindowModel(string member, float gain, bool offsets)
    {
        var network = Network(member, gain, offsets);
        var windows = SyntheticWindows.Random(Rows, Lookback, Horizon, Covariates, seed: 13, level: 50, spread: 10);
        using var windowModel = OnnxWindowModel.Load(ForecastModelExporter.Export(network, NoMetadata), Quantiles.Length);
        using var stepModel = OnnxStepModel.Load(ForecastModelExporter.ExportStep(network, NoMetadata), network.Config);

        var expected = windowModel.Predict(windows);
        var chunked = StepModelWarmup.Warm(stepModel, windows, [1, 3, Lookback - 4]);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - chunked[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"output {i}: window {expected[i]}, step {chunked[i]}");
        }
    }

    [Fact]
    public void Export_NaiveAnchorWithGainZero_MedianIsTheLastValueAndBandIsOffsetTimesMeanStep()
    {
        var network = Network("naive (last value)", 0f, offsets: true);
        var windows = SyntheticWindows.Random(Rows, Lookback, Horizon, Covariates, seed: 21, level: 200, spread: 30);
        using var model = OnnxWindowModel.Load(ForecastModelExporter.Export(network, NoMetadata), Quantiles.Length);

        var forecasts = model.Predict(windows);

        var offsets = network.Config.Anchor!.QuantileOffsets!;
        for (var r = 0; r < Rows; r++)
        {
            var x = windows.Values.AsSpan(r * Lookback, Lookback).ToArray();
            var meanStep = x.Zip(x.Skip(1)).Average(p => Math.Abs((double)p.Second - p.First)) + (1e-3 * (Math.Abs(x.Average()) + 1e-3));
            for (var h = 0; h < Horizon; h++)
            {
                var row = ((r * Horizon) + h) * Quantiles.Length;
                Assert.Equal(x[^1], forecasts[row + 1], 3);
                Assert.Equal(x[^1] + (meanStep * offsets[(h * 3) + 0]), forecasts[row], 3);
                Assert.Equal(x[^1] + (meanStep * offsets[(h * 3) + 2]), forecasts[row + 2], 3);
            }
        }
    }

    private static ForecastNetwork Network(string member, float gain, bool offsets)
    {
        var weights = ClassicalBank.Members(Lookback, Horizon, [new SeasonalPeriod(4, "same quarter last year")]).Single(m => m.Name == member).Weights;
        float[]? quantileOffsets = offsets ? [.. Enumerable.Range(0, Horizon).SelectMany(h => new[] { -1.2f - (0.3f * h), 0f, 1.1f + (0.4f * h) })] : null;
        var anchor = new ForecastAnchor(member, weights, gain, quantileOffsets, MedianIndex: 1);
        var config = new NetworkConfig(CellType.Lstm, 1, 6, 0f, Lookback, Horizon, Covariates, Quantiles, Anchor: anchor);
        return new ForecastNetwork(config, seed: 4);
    }
}
