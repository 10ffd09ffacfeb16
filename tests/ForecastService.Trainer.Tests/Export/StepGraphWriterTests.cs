using System.Text;
using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.OnnxWriting;
using ForecastService.Trainer.Evaluation;
using ForecastService.Trainer.Export;
using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Tests.Nn;

namespace ForecastService.Trainer.Tests.Export;

/// <summary>The step model (step.onnx) under the real ONNX Runtime, against the window model and an independent reference.</summary>
public sealed class StepGraphWriterTests
{
    private const int Lookback = 12;
    private const int Horizon = 4;
    private const int Rows = 3;
    private const double Tolerance = 1e-4;
    private static readonly float[] Quantiles = [0.1f, 0.5f, 0.9f];
    private static readonly Dictionary<string, string> NoMetadata = [];

    public static TheoryData<CellType, int, int, int> Shapes => new()
    {
        { CellType.Lstm, 1, 0, 2 },
        { CellType.Lstm, 2, 5, 2 },
        { CellType.Gru, 1, 5, 2 },
        { CellType.Gru, 2, 0, 0 },
        { CellType.Rnn, 1, 0, 2 },
        { CellType.Rnn, 2, 5, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ExportStep_WarmedOnWindowFromZeroState_MatchesWindowModel(CellType cell, int layers, int headHidden, int covariates)
    {
        var network = Network(cell, layers, headHidden, covariates);
        var windows = SyntheticWindows.Random(Rows, Lookback, Horizon, covariates, seed: 5, level: 80, spread: 15);
        Array.Fill(windows.Values, -3f, Lookback, Lookback);
        using var windowModel = OnnxWindowModel.Load(ForecastModelExporter.Export(network, NoMetadata), Quantiles.Length);
        using var stepModel = OnnxStepModel.Load(ForecastModelExporter.ExportStep(network, NoMetadata), network.Config);
        var scales = Enumerable.Range(0, Rows).Select(r => StreamScaling.Compute(windows.Values.AsSpan(r * Lookback, Lookback))).ToArray();

        var expected = windowModel.Predict(windows);
        var (actual, _) = stepModel.Run(Rows, Lookback, windows.Values, windows.PastCovariates, windows.FutureCovariates, scales, stepModel.ZeroState(Rows));

        AssertForecastsClose(expected.Select(v => (double)v).ToArray(), actual, scales, "step model vs window model");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ExportStep_StreamFedOnePointAtATime_MatchesOneRunAndReference(CellType cell, int layers, int headHidden, int covariates)
    {
        const int Extra = 6;
        const int Total = Lookback + Extra;
        var network = Network(cell, layers, headHidden, covariates);
        var rng = new Random(17);
        var values = Fill(Rows * Total, rng, level: 40, spread: 12);
        var past = Fill(Rows * Total * covariates, rng, level: 0, spread: 1);
        using var stepModel = OnnxStepModel.Load(ForecastModelExporter.ExportStep(network, NoMetadata), network.Config);
        var scales = Enumerable.Range(0, Rows).Select(r => StreamScaling.Compute(values.AsSpan(r * Total, Lookback))).ToArray();

        // The stream: warmed on the first L points, then fed the next points one at a time, each run with the
        // covariates of the horizon after its point, as the service would.
        var (streamed, state) = stepModel.Run(
            Rows, Lookback, Steps(values, Total, 1, 0, Lookback), Steps(past, Total, covariates, 0, Lookback),
            Fill(Rows * Horizon * covariates, rng, 0, 1), scales, stepModel.ZeroState(Rows));
        var future = Array.Empty<float>();
        for (var t = Lookback; t < Total; t++)
        {
            future = Fill(Rows * Horizon * covariates, rng, 0, 1);
            (streamed, state) = stepModel.Run(Rows, 1, Steps(values, Total, 1, t, 1), Steps(past, Total, covariates, t, 1), future, scales, state);
        }

        var (oneRun, oneRunState) = stepModel.Run(Rows, Total, values, past, future, scales, stepModel.ZeroState(Rows));
        var reference = new double[Rows * Horizon * Quantiles.Length];
        var referenceH = new double[layers * Rows * network.Config.HiddenSize];
        var referenceC = new double[referenceH.Length];
        for (var r = 0; r < Rows; r++)
        {
            var forecaster = new ReferenceForecaster(network);
            for (var t = 0; t < Total; t++)
            {
                forecaster.Step(values[(r * Total) + t], past.AsSpan(((r * Total) + t) * covariates, covariates), scales[r]);
            }

            var hq = Horizon * Quantiles.Length;
            forecaster.Forecast(future.AsSpan(r * Horizon * covariates, Horizon * covariates), scales[r]).CopyTo(reference, r * hq);
            for (var l = 0; l < layers; l++)
            {
                var n = network.Config.HiddenSize;
                forecaster.H[l].CopyTo(referenceH, ((l * Rows) + r) * n);
                forecaster.C[l].CopyTo(referenceC, ((l * Rows) + r) * n);
            }
        }

        AssertForecastsClose(reference, streamed, scales, "stream vs reference");
        AssertForecastsClose(oneRun.Select(v => (double)v).ToArray(), streamed, scales, "stream vs one run");
        AssertStatesClose(referenceH, state.Hidden, "hidden state vs reference");
        AssertStatesClose(oneRunState.Hidden.Select(v => (double)v).ToArray(), state.Hidden, "hidden state vs one run");
        Assert.Equal(cell == CellType.Lstm, state.Cell is not null);
        if (state.Cell is { } c)
        {
            AssertStatesClose(referenceC, c, "cell state vs reference");
        }
    }

    [Fact]
    public void ExportStep_Lstm_ContractInputsOutputsAndKind()
    {
        var network = Network(CellType.Lstm, 2, 0, 2);
        var metadata = new Dictionary<string, string> { [ModelContract.Metadata.Name] = "m" };

        using var session = OnnxSession.Load(ForecastModelExporter.ExportStep(network, metadata));

        Assert.Equal(
            [ModelContract.ValuesInput, ModelContract.PastCovariatesInput, ModelContract.FutureCovariatesInput, "scale_mean", "scale_spread", "state_h", "state_c"],
            session.Inputs.Select(i => i.Name));
        Assert.Equal(["quantiles", "state_h_out", "state_c_out"], session.Outputs.Select(o => o.Name));
        Assert.Equal("step", session.CustomMetadata["forecast.model_kind"]);
        Assert.Equal("m", session.CustomMetadata[ModelContract.Metadata.Name]);
    }

    [Theory]
    [InlineData(CellType.Gru)]
    [InlineData(CellType.Rnn)]
    public void ExportStep_NoCellState_OnlyHiddenStateInAndOut(CellType cell)
    {
        using var session = OnnxSession.Load(ForecastModelExporter.ExportStep(Network(cell, 2, 0, 1), NoMetadata));

        Assert.Equal("state_h", session.Inputs[^1].Name);
        Assert.Equal(["quantiles", "state_h_out"], session.Outputs.Select(o => o.Name));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Export_WindowModel_AxesOneInitializerOnlyWhenLayersAreStacked(int layers, bool expected)
    {
        var bytes = ForecastModelExporter.Export(Network(CellType.Lstm, layers, 0, 1), NoMetadata);

        // Initializer names are stored as plain UTF-8 in the protobuf; an unused one makes ONNX Runtime log a removal on every load.
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes).Contains("axes_1", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_WindowAndStepModels_LoadWithoutRemovedInitializerWarnings()
    {
        // Control: a graph with an initializer no node reads, which ONNX Runtime removes with a warning on every load.
        var control = new OnnxGraphBuilder("control");
        control.AddInput("x", TensorElementType.Float, 1);
        control.AddOutput("y", TensorElementType.Float, 1);
        control.AddInitializer("unused", [1f], 1);
        control.AddNode("Identity", ["x"], ["y"]);
        byte[][] models =
        [
            ForecastModelExporter.Export(Network(CellType.Lstm, 1, 0, 2), NoMetadata),
            ForecastModelExporter.Export(Network(CellType.Gru, 2, 5, 0), NoMetadata),
            ForecastModelExporter.ExportStep(Network(CellType.Lstm, 1, 0, 2), NoMetadata),
            ForecastModelExporter.ExportStep(Network(CellType.Rnn, 2, 5, 0), NoMetadata),
        ];

        var controlWarnings = RemovedInitializerWarnings(control.Build().ToArray());
        var warnings = models.SelectMany(RemovedInitializerWarnings).ToList();

        Assert.Contains(controlWarnings, m => m.Contains("unused", StringComparison.Ordinal));
        Assert.Empty(warnings);
    }

    /// <summary>ONNX Runtime's "Removing initializer" warnings while this thread loads <paramref name="model"/>.</summary>
    private static List<string> RemovedInitializerWarnings(byte[] model)
    {
        var thread = Environment.CurrentManagedThreadId;
        var lines = new List<string>();
        void Collect(object? sender, OnnxLogEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread && e.Message.Contains("Removing initializer", StringComparison.Ordinal))
            {
                lock (lines)
                {
                    lines.Add(e.Message);
                }
            }
        }

        OnnxRuntime.LogMessage += Collect;
        try
        {
            using var session = OnnxSession.Load(model);
        }
        finally
        {
            OnnxRuntime.LogMessage -= Collect;
        }

        return lines;
    }

    private static ForecastNetwork Network(CellType cell, int layers, int headHidden, int covariates)
    {
        var config = new NetworkConfig(cell, layers, 7, 0f, Lookback, Horizon, covariates, Quantiles, headHidden);
        var network = new ForecastNetwork(config, seed: 11 + layers);

        // Larger, less regular weights than the initializer's, so gates saturate and a wiring error cannot hide.
        var rng = new Random(3);
        var p = network.GetParameters();
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = (p[i] * 2) + (float)((rng.NextDouble() - 0.5) * 0.6);
        }

        return ForecastNetwork.FromParameters(config, p);
    }

    private static float[] Fill(int length, Random rng, float level, float spread) =>
        [.. Enumerable.Range(0, length).Select(_ => level + (spread * (float)((rng.NextDouble() * 2) - 1)))];

    /// <summary>Steps [start, start + count) of every row of a [Rows, total, width] array.</summary>
    private static float[] Steps(float[] data, int total, int width, int start, int count)
    {
        var result = new float[Rows * count * width];
        for (var r = 0; r < Rows; r++)
        {
            data.AsSpan(((r * total) + start) * width, count * width).CopyTo(result.AsSpan(r * count * width));
        }

        return result;
    }

    private static void AssertForecastsClose(double[] expected, float[] actual, StreamScale[] scales, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var perRow = expected.Length / Rows;
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), scales[i / perRow].Spread);
            Assert.True(difference <= Tolerance, $"{what}: output {i} is {actual[i]}, expected {expected[i]} (relative difference {difference:G3}).");
        }
    }

    private static void AssertStatesClose(double[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var difference = Math.Abs(actual[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
            Assert.True(difference <= Tolerance, $"{what}: element {i} is {actual[i]}, expected {expected[i]}.");
        }
    }
}
