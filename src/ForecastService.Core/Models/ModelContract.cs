namespace ForecastService.Core.Models;

/// <summary>
/// The contract between the trainer and the service: the names of the window model's ONNX inputs and outputs and
/// the <c>metadata_props</c> keys it carries. See models/README.md for shapes and meaning.
/// </summary>
public static class ModelContract
{
    /// <summary>Bumped when the inputs, outputs or their meaning change; the service refuses other versions.</summary>
    public const int Version = 1;

    public const string OnnxFileName = "model.onnx";
    public const string CardFileName = "model.json";
    public const string ConfigFileName = "train-config.json";
    public const string ChartFileName = "forecast.svg";

    /// <summary>
    /// A held-out stretch of one series (lookback + 5·horizon points) in the forecast request's body shape; optional,
    /// older models have none.
    /// </summary>
    public const string HistoryFileName = "history.json";

    /// <summary>float [batch, lookback]: raw observations, oldest first.</summary>
    public const string ValuesInput = "values";

    /// <summary>float [batch, lookback, covariates]: calendar covariates of the observed timestamps.</summary>
    public const string PastCovariatesInput = "past_covariates";

    /// <summary>float [batch, horizon, covariates]: calendar covariates of the timestamps to forecast.</summary>
    public const string FutureCovariatesInput = "future_covariates";

    /// <summary>float [batch, horizon, quantiles]: raw-scale forecasts, ascending along the last axis.</summary>
    public const string QuantilesOutput = "quantiles";

    /// <summary>The symbolic name of the batch dimension.</summary>
    public const string BatchDimension = "batch";

    /// <summary>
    /// The step model (<c>step.onnx</c>) that stateful streaming runs: the window model's weights, fed only the new
    /// observations with the recurrent state and a scaling frozen when the stream was warmed. Its
    /// <see cref="ValuesInput"/>, <see cref="PastCovariatesInput"/>, <see cref="FutureCovariatesInput"/> and
    /// <see cref="QuantilesOutput"/> keep the window model's names; <c>values</c> is [batch, steps].
    /// </summary>
    public static class Step
    {
        public const string FileName = "step.onnx";

        /// <summary>The symbolic name of the new-observations dimension.</summary>
        public const string StepsDimension = "steps";

        /// <summary>float [batch, 1]: the warm-up window's mean (see <see cref="StreamScaling"/>).</summary>
        public const string ScaleMeanInput = "scale_mean";

        /// <summary>float [batch, 1]: the warm-up window's spread (see <see cref="StreamScaling"/>).</summary>
        public const string ScaleSpreadInput = "scale_spread";

        /// <summary>float [layers, batch, hidden]: every layer's hidden state; zeros to start.</summary>
        public const string StateHInput = "state_h";

        /// <summary>float [layers, batch, hidden]: every layer's cell state; LSTM only.</summary>
        public const string StateCInput = "state_c";

        /// <summary>float [layers, batch, hidden]: the hidden state after the new observations.</summary>
        public const string StateHOutput = "state_h_out";

        /// <summary>float [layers, batch, hidden]: the cell state after the new observations; LSTM only.</summary>
        public const string StateCOutput = "state_c_out";

        /// <summary>
        /// float [batch, lookback]: the last lookback observations, oldest first; zeros to start. Only in step models
        /// whose forecast is anchored on the whole window (a classical forecast computed from it).
        /// </summary>
        public const string StateWindowInput = "state_window";

        /// <summary>float [batch, lookback]: the last lookback observations after the new ones.</summary>
        public const string StateWindowOutput = "state_window_out";
    }

    /// <summary>Values of <see cref="Metadata.ModelKind"/>.</summary>
    public static class ModelKinds
    {
        /// <summary>model.onnx: one whole lookback window per run (also what a missing key means).</summary>
        public const string Window = "window";

        /// <summary>step.onnx: new observations plus recurrent state per run.</summary>
        public const string Step = "step";
    }

    /// <summary>Keys of the ONNX <c>metadata_props</c>; values are invariant-culture text.</summary>
    public static class Metadata
    {
        public const string ContractVersion = "forecast.contract";
        public const string Name = "forecast.name";
        public const string Version = "forecast.version";
        public const string Domain = "forecast.domain";
        public const string Lookback = "forecast.lookback";
        public const string Horizon = "forecast.horizon";
        public const string Frequency = "forecast.frequency";

        /// <summary>Comma-separated quantile levels, ascending, e.g. <c>0.05,0.1,0.5,0.9,0.95</c>.</summary>
        public const string Quantiles = "forecast.quantiles";

        /// <summary>Comma-separated covariate names, in input order (see CalendarFeatures).</summary>
        public const string Covariates = "forecast.covariates";

        /// <summary>Comma-separated names of the encoder's per-step features.</summary>
        public const string Features = "forecast.features";

        public const string Cell = "forecast.cell";
        public const string Scaling = "forecast.scaling";
        public const string TrainingDataSha256 = "forecast.training_data_sha256";

        /// <summary>
        /// <see cref="ModelKinds.Step"/> on step.onnx; model.onnx may omit it, meaning <see cref="ModelKinds.Window"/>.
        /// </summary>
        public const string ModelKind = "forecast.model_kind";
    }
}
