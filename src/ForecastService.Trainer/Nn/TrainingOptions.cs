namespace ForecastService.Trainer.Nn;

/// <summary>How <see cref="NetworkTrainer.Fit"/> trains.</summary>
/// <param name="Epochs">Maximum passes over the training windows (≥ 1).</param>
/// <param name="BatchSize">Windows per optimizer step (≥ 1). Each batch is split into fixed chunks of at most
/// <see cref="NetworkTrainer.ChunkRows"/> windows whatever the thread count, so results do not depend on it.</param>
/// <param name="LearningRate">Peak Adam step size, reached after warm-up.</param>
/// <param name="WeightDecay">Decoupled (AdamW) weight decay per step, relative to the learning rate; 0 disables it.
/// Biases are not decayed.</param>
/// <param name="GradientClipNorm">Largest global L2 norm of the gradient; larger gradients are scaled down. 0 disables clipping.</param>
/// <param name="EarlyStoppingPatience">Epochs without a validation improvement before stopping; 0 disables early stopping.</param>
/// <param name="Seed">Seed of initialization, shuffling and dropout.</param>
/// <param name="Threads">Worker threads; 0 uses every core.</param>
/// <param name="WarmupFraction">Fraction of all steps over which the learning rate rises linearly from 0, in [0, 1).</param>
/// <param name="MinLearningRateFactor">After warm-up the rate follows a cosine from the peak down to peak × this factor at the last step.</param>
public sealed record TrainingOptions(
    int Epochs,
    int BatchSize,
    float LearningRate,
    float WeightDecay,
    float GradientClipNorm,
    int EarlyStoppingPatience,
    int Seed,
    int Threads = 0,
    float WarmupFraction = 0.05f,
    float MinLearningRateFactor = 0.05f)
{
    /// <summary>Throws <see cref="ArgumentException"/> when a field is out of range.</summary>
    public void Validate()
    {
        Require(Epochs >= 1, "Epochs must be at least 1.");
        Require(BatchSize >= 1, "BatchSize must be at least 1.");
        Require(LearningRate > 0 && float.IsFinite(LearningRate), "LearningRate must be positive.");
        Require(WeightDecay >= 0, "WeightDecay must not be negative.");
        Require(GradientClipNorm >= 0, "GradientClipNorm must not be negative.");
        Require(EarlyStoppingPatience >= 0, "EarlyStoppingPatience must not be negative.");
        Require(Threads >= 0, "Threads must not be negative.");
        Require(WarmupFraction >= 0 && WarmupFraction < 1, "WarmupFraction must be in [0, 1).");
        Require(MinLearningRateFactor >= 0 && MinLearningRateFactor <= 1, "MinLearningRateFactor must be in [0, 1].");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
