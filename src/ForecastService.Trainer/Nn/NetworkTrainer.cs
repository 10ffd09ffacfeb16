using System.Diagnostics;
using System.Numerics.Tensors;
using ForecastService.Trainer.Optim;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Nn;

/// <summary>
/// Trains a <see cref="ForecastNetwork"/>: shuffled mini-batches, backpropagation through time, pinball loss on
/// window-scaled targets, global-norm gradient clipping, Adam(W), linear warm-up then cosine learning-rate decay,
/// and early stopping on the validation loss that keeps the best epoch's weights. Deterministic given the seed,
/// whatever the thread count.
/// </summary>
public static class NetworkTrainer
{
    /// <summary>Windows per data-parallel chunk of a batch (see <see cref="TrainingOptions.BatchSize"/>).</summary>
    public const int ChunkRows = GradientEngine.ChunkRows;

    /// <summary>Trains a new network of shape <paramref name="config"/>.</summary>
    /// <param name="config">Network shape.</param>
    /// <param name="train">Training windows (with targets).</param>
    /// <param name="validation">Validation windows (with targets) for early stopping; may be empty.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="progress">Receives a report after every batch and every epoch.</param>
    /// <param name="cancellationToken">Stops training between batches; throws <see cref="OperationCanceledException"/>.</param>
    public static FitResult Fit(
        NetworkConfig config,
        WindowSet train,
        WindowSet validation,
        TrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        config.Validate();
        options.Validate();
        var network = new ForecastNetwork(config, options.Seed);
        network.CheckShape(train);
        network.CheckShape(validation);
        if (train.Count == 0 || !train.HasTargets || !validation.HasTargets)
        {
            throw new ArgumentException("Training needs at least one window, and targets for every window.", nameof(train));
        }

        var clock = Stopwatch.StartNew();
        var batch = Math.Min(options.BatchSize, train.Count);
        var engine = new GradientEngine(network, batch, options.Threads);
        var adam = new AdamOptimizer(network.ParameterCount);
        var decay = DecayMask(network);
        var schedule = new LearningRateSchedule(options, (long)options.Epochs * BatchesPerEpoch(train.Count, batch));
        var gradient = new float[network.ParameterCount];
        var order = new int[train.Count];
        var history = new List<EpochReport>();
        var best = network.GetParameters();
        var bestLoss = float.PositiveInfinity;
        var bestEpoch = 0;
        var sinceBest = 0;
        var stoppedEarly = false;
        var batches = BatchesPerEpoch(train.Count, batch);
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            Shuffle(order, options.Seed, epoch);
            double lossSum = 0;
            double normSum = 0;
            var lr = 0f;
            for (var k = 0; k < batches; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = k * batch;
                var count = Math.Min(batch, train.Count - start);
                var step = adam.Steps;
                var dropout = config.Dropout > 0 ? new DropoutContext(config.Dropout, options.Seed, step) : (DropoutContext?)null;
                lossSum += engine.ComputeGradient(train, order, start, count, dropout, gradient);
                normSum += ClipByGlobalNorm(gradient, options.GradientClipNorm);
                lr = schedule.At(step);
                adam.Step(network.Parameters, gradient, lr, options.WeightDecay, decay);
                network.ParametersChanged();
                progress?.Report(new TrainingProgress(epoch, options.Epochs, k + 1, batches, (float)(lossSum / (k + 1)), null));
            }

            var validationLoss = engine.Evaluate(validation, cancellationToken);
            var improved = validation.Count == 0 || validationLoss < bestLoss;
            if (improved)
            {
                bestLoss = validation.Count == 0 ? bestLoss : validationLoss;
                bestEpoch = epoch;
                sinceBest = 0;
                Array.Copy(network.Parameters, best, best.Length);
            }
            else
            {
                sinceBest++;
            }

            var report = new EpochReport(epoch, options.Epochs, (float)(lossSum / batches), validationLoss, lr, epochClock.Elapsed, improved, (float)(normSum / batches));
            history.Add(report);
            progress?.Report(new TrainingProgress(epoch, options.Epochs, batches, batches, report.TrainLoss, report));
            if (options.EarlyStoppingPatience > 0 && sinceBest >= options.EarlyStoppingPatience && epoch < options.Epochs)
            {
                stoppedEarly = true;
                break;
            }
        }

        var bestNetwork = ForecastNetwork.FromParameters(config, best);
        return new FitResult(bestNetwork, bestEpoch, history, clock.Elapsed, stoppedEarly, adam.Steps);
    }

    internal static int BatchesPerEpoch(int windows, int batch) => (windows + batch - 1) / batch;

    /// <summary>Scales <paramref name="gradient"/> to norm at most <paramref name="maxNorm"/> (0: no clipping); returns the norm before.</summary>
    internal static float ClipByGlobalNorm(Span<float> gradient, float maxNorm)
    {
        double squares = 0;
        foreach (var g in gradient)
        {
            squares += g * g;
        }

        var norm = (float)Math.Sqrt(squares);
        if (maxNorm > 0 && norm > maxNorm)
        {
            TensorPrimitives.Multiply(gradient, maxNorm / norm, gradient);
        }

        return norm;
    }

    /// <summary>Weight matrices are decayed; biases are not (decaying them only biases the level).</summary>
    internal static bool[] DecayMask(ForecastNetwork network)
    {
        var layout = network.Layout;
        var mask = new bool[network.ParameterCount];
        foreach (var s in layout.Layers)
        {
            mask.AsSpan(s.W, s.B - s.W).Fill(true);
        }

        if (layout.HeadHidden > 0)
        {
            mask.AsSpan(layout.HiddenWeight, layout.HiddenBias - layout.HiddenWeight).Fill(true);
        }

        mask.AsSpan(layout.OutputWeight, layout.OutputBias - layout.OutputWeight).Fill(true);
        return mask;
    }

    private static void Shuffle(int[] order, int seed, int epoch)
    {
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var rng = DeterministicRandom.For(seed, 0x5A0FF1E, epoch);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
