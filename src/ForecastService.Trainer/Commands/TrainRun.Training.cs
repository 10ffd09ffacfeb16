using System.Globalization;
using System.Security.Cryptography;
using ForecastService.Core.Models;
using ForecastService.Trainer.Cards;
using ForecastService.Trainer.Charts;
using ForecastService.Trainer.Data;
using ForecastService.Trainer.Evaluation;
using ForecastService.Trainer.Export;
using ForecastService.Trainer.Nn;
using ForecastService.Trainer.Recipes;
using ForecastService.Trainer.Training;
using Spectre.Console;

namespace ForecastService.Trainer.Commands;

internal sealed partial class TrainRun
{
    /// <summary>
    /// Largest difference allowed between the trainer's forward pass and ONNX Runtime, relative to the larger of the
    /// output's magnitude and its window's scale.
    /// </summary>
    public const double VerificationTolerance = 1e-4;

    private int TrainAndWrite(PreparedData prepared, CancellationToken cancellationToken)
    {
        var (lookback, horizon) = (config.Lookback, config.Horizon);
        var builder = new WindowSetBuilder(prepared.Data.Series, prepared.Features);
        var train = builder.Build(prepared.Split.Train, lookback, horizon);
        var validation = builder.Build(prepared.Split.Validation, lookback, horizon);
        var test = builder.Build(prepared.Split.Test, lookback, horizon);

        var network = new NetworkConfig(
            Enum.Parse<CellType>(config.Cell, ignoreCase: true),
            config.Layers,
            config.HiddenSize,
            (float)config.Dropout,
            lookback,
            horizon,
            prepared.Features.Count,
            [.. config.Quantiles.Select(q => (float)q)],
            config.HeadHiddenSize,
            config.IsAuto ? ChooseAnchor(prepared, train, validation) : null);
        var options = new TrainingOptions(
            config.Epochs,
            config.BatchSize,
            (float)config.LearningRate,
            (float)config.WeightDecay,
            (float)config.GradientClipNorm,
            config.Patience,
            config.Seed,
            config.Threads);
        console.Line($"network: {config.Cell} x{config.Layers}, hidden {config.HiddenSize}, dropout {config.Dropout.ToString(CultureInfo.InvariantCulture)}, {config.Quantiles.Count} quantiles; up to {config.Epochs} epochs of {config.BatchSize}-window batches");
        var fit = TrainingDisplay.Run(console, settings.Quiet, progress => NetworkTrainer.Fit(network, train, validation, options, progress, cancellationToken));
        console.Line($"trained in {fit.Duration.TotalSeconds:F1} s: best epoch {fit.BestEpoch} of {fit.History.Count}, validation loss {fit.BestValidationLoss:F4}, {fit.BestNetwork.ParameterCount:N0} parameters");
        var calibration = config.IsAuto ? CalibrationWindows(prepared, builder) : null;
        var trained = calibration is null ? fit.BestNetwork : Calibrate(fit.BestNetwork, calibration, train);

        // Scored first on the trainer's own forecasts so the numbers show even if export fails; the card gets the
        // scores of ONNX Runtime's forecasts, which are what the service serves.
        var expected = trained.Predict(test);
        var scored = ScoreHeldOut(prepared, expected);
        if (calibration is not null && BaselineGuardrail.Loses(scored.Overall))
        {
            (trained, expected, scored) = FallBack(trained, scored.Overall, prepared, calibration, train, test);
        }

        PrintMetrics(scored);
        var metadata = ModelCardFactory.Metadata(config, prepared);
        var onnx = ForecastModelExporter.Export(trained, metadata);
        var forecasts = Verify(expected, onnx, test, cancellationToken);
        var step = ForecastModelExporter.ExportStep(trained, metadata);
        VerifyStep(step, trained.Config, forecasts, test, cancellationToken);
        var backtest = ScoreHeldOut(prepared, forecasts);
        var judged = BaselineGuardrail.Judge(backtest.Overall, prepared.SeasonalNaiveName);
        if (judged.Verdict is { } loses && BaselineGuardrail.Loses(judged))
        {
            if (!settings.AllowWorseThanBaseline)
            {
                throw new WorseThanBaselineException($"{loses}; nothing was written (--allow-worse-than-baseline writes it anyway, and its card then says that it loses)");
            }

            console.Line($"warning: {loses}; written anyway (--allow-worse-than-baseline), and the card says so");
        }
        else
        {
            console.Line(judged.Verdict ?? string.Empty);
        }

        var card = ModelCardFactory.Create(config, prepared, fit, trained, judged, Convert.ToHexStringLower(SHA256.HashData(onnx)), Convert.ToHexStringLower(SHA256.HashData(step)), time.GetUtcNow());

        var folder = Write(card, onnx, step, prepared, test, forecasts);
        console.Line($"wrote {folder}/ ({ModelContract.OnnxFileName} {onnx.Length:N0} bytes, {ModelContract.Step.FileName} {step.Length:N0} bytes, {ModelContract.CardFileName}, {ModelContract.ConfigFileName}, {ModelContract.ChartFileName}, {ExampleRequest.FileName}, {ModelContract.HistoryFileName})");
        return CommandErrors.Success;
    }

    /// <summary>
    /// The auto recipe's anchor: the classical forecast (see <see cref="ClassicalBank"/>) with the lowest error on the
    /// training and validation windows; the held-out test windows play no part.
    /// </summary>
    private ForecastAnchor ChooseAnchor(PreparedData prepared, WindowSet train, WindowSet validation)
    {
        var members = ClassicalBank.Members(config.Lookback, config.Horizon, prepared.Periods);
        var (best, errors) = AnchorSelection.Choose(members, [train, validation]);
        var naive = errors.First(e => e.Name == members[0].Name).Error;
        console.Line(string.Create(CultureInfo.InvariantCulture, $"anchor: {best.Name} (error {errors[0].Error:F3} in units of the window's mean step, naive {naive:F3}; {errors.Count} candidates)"));
        return new ForecastAnchor(best.Name, best.Weights);
    }

    /// <summary>Every window of the validation region at stride 1, for the gain and the conformal offsets.</summary>
    private WindowSet CalibrationWindows(PreparedData prepared, WindowSetBuilder builder)
    {
        var origins = new List<WindowOrigin>();
        for (var s = 0; s < prepared.Data.Series.Count; s++)
        {
            var (trainEnd, validationEnd) = WindowPlanner.Boundaries(prepared.Data.Series[s].Length, prepared.SplitOptions);
            for (var origin = Math.Max(trainEnd, config.Lookback); origin + config.Horizon <= validationEnd; origin++)
            {
                origins.Add(new WindowOrigin(s, origin));
            }
        }

        return builder.Build(origins.Count > 0 ? origins : prepared.Split.Validation, config.Lookback, config.Horizon);
    }

    /// <summary>Gain and conformal interval offsets (see <see cref="ConformalCalibration"/>).</summary>
    private ForecastNetwork Calibrate(ForecastNetwork trained, WindowSet calibration, WindowSet train)
    {
        var (network, errors) = ConformalCalibration.Calibrate(trained, calibration, train);
        var gains = string.Join(", ", errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"gain {e.Gain:0.0}: {e.Error:F3}")));
        console.Line(string.Create(CultureInfo.InvariantCulture, $"calibrated on {calibration.Count} validation windows: network correction kept at {network.Config.Anchor!.ResidualGain:0.0} ({gains}); conformal 80% band"));
        return network;
    }

    /// <summary>
    /// The auto recipe's last rule. A model that loses to naive or to seasonal naive on the held-out windows (the most
    /// recent rows the trainer has, which nothing was chosen on so far) serves its anchor alone if that does not lose,
    /// or else the better of the two baselines; either way with conformal bands from its own residuals on the
    /// training and validation windows. Without it the guardrail refuses the model and the user gets none; a model
    /// that is the baseline cannot lose to it. The held-out windows then took part in the choice, which the card's
    /// recipe line says, so its held-out comparison is no longer an independent estimate.
    /// </summary>
    private (ForecastNetwork Network, float[] Forecasts, BacktestResult Scored) FallBack(
        ForecastNetwork trained, HeldOutMetrics lost, PreparedData prepared, WindowSet calibration, WindowSet train, WindowSet test)
    {
        var anchor = trained.Config.Anchor!;
        var naiveIsBetter = lost.Naive is { } naive && naive.Mase <= lost.SeasonalNaive.Mase;
        var baseline = ClassicalBank.Baseline(config.Lookback, config.Horizon, naiveIsBetter ? 1 : prepared.Seasonality, prepared.SeasonalNaiveName);
        List<(string Served, string Why, float[] Weights)> candidates = anchor.ResidualGain > 0
            ? [(anchor.Name, "the model with the network's correction lost on the held-out windows", anchor.Weights)]
            : [];
        candidates.Add((baseline.Name, $"the model with the chosen anchor, {anchor.Name}, lost on the held-out windows", baseline.Weights));
        foreach (var (served, why, weights) in candidates)
        {
            var uncalibrated = ForecastNetwork.FromParameters(trained.Config with { Anchor = new ForecastAnchor($"{served} (fallback: {why})", weights, ResidualGain: 0f) }, trained.GetParameters());
            var network = ConformalCalibration.Calibrate(uncalibrated, calibration, train, gains: [0f]).Network;
            var forecasts = network.Predict(test);
            var scored = ScoreHeldOut(prepared, forecasts);
            if (!BaselineGuardrail.Loses(scored.Overall) || weights == candidates[^1].Weights)
            {
                console.Line(string.Create(CultureInfo.InvariantCulture, $"fallback: the model lost on the held-out windows (MASE {lost.Model.Mase:F3}, naive {lost.Naive?.Mase:F3}, seasonal naive {lost.SeasonalNaive.Mase:F3}); serving {served} alone (MASE {scored.Overall.Model.Mase:F3})"));
                return (network, forecasts, scored);
            }
        }

        throw new InvalidOperationException("The fallback always returns its last candidate.");
    }

    /// <summary>The held-out windows' scores of <paramref name="forecasts"/>, next to naive and seasonal naive on the same windows.</summary>
    private BacktestResult ScoreHeldOut(PreparedData prepared, float[] forecasts) =>
        Backtest.Score(prepared.Data.Series, prepared.Split.Test, config.Lookback, config.Horizon, prepared.Seasonality, config.Quantiles, forecasts);

    /// <summary>The final model folder; fails before any training when it exists and --force was not given.</summary>
    private string TargetFolder()
    {
        var folder = Path.Combine(config.Output, config.Name, config.Version.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(folder) && !settings.Force)
        {
            throw new ModelFolderException($"{folder} already exists; use --force to replace it or raise --version");
        }

        return folder;
    }

    /// <summary>
    /// Runs the exported bytes through ONNX Runtime on the held-out windows and compares with the trainer's own forward
    /// pass; returns ONNX Runtime's forecasts (what the service will serve).
    /// </summary>
    private float[] Verify(float[] expected, byte[] onnx, WindowSet test, CancellationToken cancellationToken)
    {
        using var model = OnnxWindowModel.Load(onnx, config.Quantiles.Count);
        var actual = model.Predict(test, cancellationToken);
        var (worst, index) = ForecastDifference.MaxRelative(expected, actual, test, test.Horizon * config.Quantiles.Count);
        if (worst > VerificationTolerance || double.IsNaN(worst))
        {
            throw new ModelFolderException(string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime disagrees with the trainer on the held-out windows: relative difference {worst:G3} at output {index} (trainer {expected[index]}, ONNX Runtime {actual[index]}) exceeds {VerificationTolerance}; nothing was written"));
        }

        console.Line(string.Create(CultureInfo.InvariantCulture, $"verified: ONNX Runtime matches the trainer on {test.Count} held-out windows (max relative difference {worst:G3}, tolerance {VerificationTolerance})"));
        return actual;
    }

    /// <summary>
    /// Checks the step model under ONNX Runtime on the held-out windows: warmed on each window from zero state with
    /// the window's frozen scaling it must give the window model's forecasts, and feeding the window in chunks of
    /// 1, 3 and the rest (the state carried between runs) must give the same as one run over the whole window.
    /// </summary>
    private void VerifyStep(byte[] step, NetworkConfig network, float[] windowForecasts, WindowSet test, CancellationToken cancellationToken)
    {
        using var model = OnnxStepModel.Load(step, network);
        var perWindow = test.Horizon * config.Quantiles.Count;
        var warm = StepModelWarmup.Warm(model, test, [test.Lookback], cancellationToken);
        var (worst, index) = ForecastDifference.MaxRelative(windowForecasts, warm, test, perWindow);
        if (worst > VerificationTolerance || double.IsNaN(worst))
        {
            throw new ModelFolderException(string.Create(CultureInfo.InvariantCulture, $"the step model warmed on the held-out windows disagrees with the window model: relative difference {worst:G3} at output {index} (window {windowForecasts[index]}, step {warm[index]}) exceeds {VerificationTolerance}; nothing was written"));
        }

        var chunked = StepModelWarmup.Warm(model, test, [1, 3, test.Lookback - 4], cancellationToken);
        var (worstChunked, indexChunked) = ForecastDifference.MaxRelative(warm, chunked, test, perWindow);
        if (worstChunked > VerificationTolerance || double.IsNaN(worstChunked))
        {
            throw new ModelFolderException(string.Create(CultureInfo.InvariantCulture, $"the step model fed 1 + 3 + {test.Lookback - 4} points disagrees with one run over the window: relative difference {worstChunked:G3} at output {indexChunked} (one run {warm[indexChunked]}, chunked {chunked[indexChunked]}) exceeds {VerificationTolerance}; nothing was written"));
        }

        console.Line(string.Create(CultureInfo.InvariantCulture, $"verified: the step model matches the window model on {test.Count} held-out windows (max relative difference {worst:G3}) and chunked feeding matches one run ({worstChunked:G3})"));
    }

    private string Write(ModelCard card, byte[] onnx, byte[] step, PreparedData prepared, WindowSet test, float[] forecasts)
    {
        var folder = TargetFolder();
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        Directory.CreateDirectory(parent);

        // Everything goes into a scratch folder first and is moved into place at the end, so a failure never
        // leaves a half-written model for the service to load.
        var scratch = Path.Combine(parent, $".tmp-{card.Version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(scratch);
        try
        {
            File.WriteAllBytes(Path.Combine(scratch, ModelContract.OnnxFileName), onnx);
            File.WriteAllBytes(Path.Combine(scratch, ModelContract.Step.FileName), step);
            ModelCardSerializer.Save(card, Path.Combine(scratch, ModelContract.CardFileName));
            File.WriteAllText(Path.Combine(scratch, ModelContract.ConfigFileName), config.ToJson());
            File.WriteAllText(Path.Combine(scratch, ModelContract.ChartFileName), Chart(card, prepared, test, forecasts));
            var last = prepared.Split.Test[^1];
            var example = ExampleRequest.Create(prepared.Data.Series[last.Series], last.Origin, config.Lookback);
            File.WriteAllText(Path.Combine(scratch, ExampleRequest.FileName), ExampleRequest.Serialize(example, card));
            var history = ExampleRequest.History(prepared.Data.Series[last.Series], last.Origin + config.Horizon, config.Lookback + (5 * config.Horizon));
            File.WriteAllText(Path.Combine(scratch, ModelContract.HistoryFileName), ExampleRequest.Serialize(history, card));

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.Move(scratch, folder);
            return folder;
        }
        catch
        {
            Directory.Delete(scratch, recursive: true);
            throw;
        }
    }

    private string Chart(ModelCard card, PreparedData prepared, WindowSet test, float[] forecasts)
    {
        var windows = new List<ChartWindow>();
        var count = Math.Min(config.ChartWindows, test.Count);
        var shown = Math.Min(config.Lookback, Math.Max(3 * config.Horizon, 2 * prepared.Seasonality));
        var hq = config.Horizon * config.Quantiles.Count;
        for (var k = 0; k < count; k++)
        {
            // Spread across the held-out windows, which are ordered by series, so several series appear.
            var w = count == 1 ? test.Count - 1 : (int)Math.Round((double)k * (test.Count - 1) / (count - 1));
            var (s, origin) = prepared.Split.Test[w];
            var series = prepared.Data.Series[s];
            windows.Add(new ChartWindow(
                $"{series.Id}: forecast of {Core.Time.Timestamps.Format(series.Timestamps[origin])} to {Core.Time.Timestamps.Format(series.Timestamps[origin + config.Horizon - 1])}",
                series.Timestamps[(origin - shown)..origin],
                series.Values[(origin - shown)..origin],
                series.Timestamps[origin..(origin + config.Horizon)],
                series.Values[origin..(origin + config.Horizon)],
                forecasts[(w * hq)..((w + 1) * hq)]));
        }

        var title = string.Create(CultureInfo.InvariantCulture, $"{card.Name} v{card.Version}: held-out forecasts vs actuals (MASE {card.Metrics!.Model.Mase:F3}, seasonal naive {card.Metrics.SeasonalNaive.Mase:F3})");
        return ForecastChart.Render(title, windows, config.Quantiles);
    }

    private void PrintMetrics(BacktestResult backtest)
    {
        console.Line($"held-out test: {backtest.Overall.Windows} windows");
        console.Output.Write(ModelCardPrinter.MetricsTable(backtest.Overall));
        if (backtest.BySeries.Count > 1)
        {
            console.Line("per series (MASE / 80% coverage):");
            var perSeries = new Table().AddColumn("series").AddColumn("windows").AddColumn("model").AddColumn("seasonal naive");
            foreach (var (id, m) in backtest.BySeries)
            {
                perSeries.AddRow(
                    Markup.Escape(id),
                    m.Windows.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{m.Model.Mase:F3} / {m.Model.Coverage80:P0}"),
                    string.Create(CultureInfo.InvariantCulture, $"{m.SeasonalNaive.Mase:F3} / {m.SeasonalNaive.Coverage80:P0}"));
            }

            console.Output.Write(perSeries);
        }
    }
}
