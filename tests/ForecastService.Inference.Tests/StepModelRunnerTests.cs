using ForecastService.Core.Models;
using ForecastService.OnnxWriting;

namespace ForecastService.Inference.Tests;

/// <summary>The step-model runner on a real session of a small LSTM-shaped step graph.</summary>
public sealed class StepModelRunnerTests
{
    private const int Lookback = 4;
    private const int Horizon = 3;
    private const int Covariates = 2;
    private const int Quantiles = 2;
    private const int Layers = 2;
    private const int Hidden = 5;


    [Fact]
    public void Run_LstmState_BindsScaleAndBothStatesByName()
    {
        using var session = OnnxSession.Load(StepGraph());
        var runner = new StepModelRunner(session, Lookback, Horizon, Covariates, Quantiles, Layers, Hidden, hasCellState: true, hasWindowState: false);
        const int rows = 2;
        var state = runner.InitialState(rows);
        state.Hidden.AsSpan().Fill(3);
        state.Cell!.AsSpan().Fill(10);
        var future = Enumerable.Range(0, rows * Horizon * Covariates).Select(i => (float)i).ToArray();

        var (forecast, next) = runner.Run(rows, 1, new float[rows], new float[rows * Covariates], future, new float[] { 100, 200 }, new float[] { 1, 1 }, state);

        Assert.All(next.Hidden, value => Assert.Equal(4f, value));
        Assert.All(next.Cell!, value => Assert.Equal(20f, value));
        Assert.All(state.Hidden, value => Assert.Equal(3f, value));
        var quantiles = forecast.ToRows();
        Assert.Equal(rows * Horizon * Quantiles, quantiles.Length);
        for (var row = 0; row < rows; row++)
        {
            for (var step = 0; step < Horizon; step++)
            {
                var expected = future[((row * Horizon) + step) * Covariates] + (100 * (row + 1));
                Assert.Equal(expected, quantiles[((row * Horizon) + step) * Quantiles]);
                Assert.Equal(expected, quantiles[(((row * Horizon) + step) * Quantiles) + 1]);
            }
        }
    }

    [Fact]
    public void Run_LstmStateWithoutCell_ThrowsBeforeRunning()
    {
        using var session = OnnxSession.Load(StepGraph());
        var runner = new StepModelRunner(session, Lookback, Horizon, Covariates, Quantiles, Layers, Hidden, hasCellState: true, hasWindowState: false);
        var state = runner.InitialState() with { Cell = null };

        var error = Assert.Throws<ArgumentException>(() =>
            runner.Run(1, 1, new float[1], new float[Covariates], new float[Horizon * Covariates], new float[] { 0 }, new float[] { 1 }, state));

        Assert.Equal("state", error.ParamName);
        Assert.StartsWith("An LSTM stream needs a cell state.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Advance_RunnerWithoutSignature_RefusedForLackOfACalendar()
    {
        using var session = OnnxSession.Load(StepGraph());
        var runner = new StepModelRunner(session, Lookback, Horizon, Covariates, Quantiles, Layers, Hidden, hasCellState: true, hasWindowState: false);
        var t0 = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

        var error = Assert.Throws<InvalidOperationException>(() =>
            runner.Advance([1f], [t0], [t0.AddHours(1), t0.AddHours(2), t0.AddHours(3)], new StreamScale(0, 1), runner.InitialState(), CancellationToken.None));

        Assert.Contains("use Run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InitialState_Rows_IsZerosOfLayersByRowsByHidden()
    {
        using var session = OnnxSession.Load(StepGraph());
        var runner = new StepModelRunner(session, Lookback, Horizon, Covariates, Quantiles, Layers, Hidden, hasCellState: true, hasWindowState: true);

        var state = runner.InitialState(3);

        Assert.Equal(Layers * 3 * Hidden, state.Hidden.Length);
        Assert.Equal(Layers * 3 * Hidden, state.Cell!.Length);
        Assert.Equal(3 * Lookback, state.Window!.Length);
        Assert.All(state.Hidden, value => Assert.Equal(0f, value));
    }

    /// <summary>
    /// quantiles[b, h, q] = future_covariates[b, h, 0] + scale_mean[b]; state_h_out = state_h_in + 1;
    /// state_c_out = state_c_in × 2. Values, past covariates and the spread are declared only.
    /// </summary>
    private static byte[] StepGraph()
    {
        var g = new OnnxGraphBuilder("step-probe");
        g.AddInput(ModelContract.ValuesInput, TensorElementType.Float, "batch", "steps");
        g.AddInput(ModelContract.PastCovariatesInput, TensorElementType.Float, "batch", "steps", Covariates);
        g.AddInput(ModelContract.FutureCovariatesInput, TensorElementType.Float, "batch", Horizon, Covariates);
        g.AddInput(ModelContract.Step.ScaleMeanInput, TensorElementType.Float, "batch", 1);
        g.AddInput(ModelContract.Step.ScaleSpreadInput, TensorElementType.Float, "batch", 1);
        g.AddInput(ModelContract.Step.StateHInput, TensorElementType.Float, Layers, "batch", Hidden);
        g.AddInput(ModelContract.Step.StateCInput, TensorElementType.Float, Layers, "batch", Hidden);
        g.AddOutput(ModelContract.QuantilesOutput, TensorElementType.Float, "batch", Horizon, Quantiles);
        g.AddOutput(ModelContract.Step.StateHOutput, TensorElementType.Float, Layers, "batch", Hidden);
        g.AddOutput(ModelContract.Step.StateCOutput, TensorElementType.Float, Layers, "batch", Hidden);
        g.AddInitializer("axis2", [2L], 1);
        g.AddInitializer("start0", [0L], 1);
        g.AddInitializer("end1", [1L], 1);
        g.AddInitializer("zeros", new float[Quantiles], 1, 1, Quantiles);
        g.AddInitializer("one", [1f], 1);
        g.AddInitializer("two", [2f], 1);
        g.AddNode("Slice", [ModelContract.FutureCovariatesInput, "start0", "end1", "axis2"], ["first"]);
        g.AddNode("Unsqueeze", [ModelContract.Step.ScaleMeanInput, "axis2"], ["mean3"]);
        g.AddNode("Add", ["first", "mean3"], ["shifted"]);
        g.AddNode("Add", ["shifted", "zeros"], [ModelContract.QuantilesOutput]);
        g.AddNode("Add", [ModelContract.Step.StateHInput, "one"], [ModelContract.Step.StateHOutput]);
        g.AddNode("Mul", [ModelContract.Step.StateCInput, "two"], [ModelContract.Step.StateCOutput]);
        return g.Build(new OnnxModelOptions { OpsetVersion = 17 }).ToArray();
    }
}
