namespace ForecastService.Trainer.Nn;

/// <summary>
/// Linear warm-up from 0 to the peak over the first <see cref="TrainingOptions.WarmupFraction"/> of the steps,
/// then a half cosine from the peak down to peak × <see cref="TrainingOptions.MinLearningRateFactor"/> at the last step.
/// Warm-up keeps Adam's first, poorly estimated steps small; the decay lets training settle into a minimum.
/// </summary>
internal sealed class LearningRateSchedule(TrainingOptions options, long totalSteps)
{
    private readonly long _warmup = (long)Math.Floor(options.WarmupFraction * totalSteps);

    /// <summary>Learning rate of 0-based step <paramref name="step"/>.</summary>
    public float At(long step)
    {
        var peak = options.LearningRate;
        if (step < _warmup)
        {
            return peak * (step + 1) / _warmup;
        }

        var span = Math.Max(1, totalSteps - _warmup - 1);
        var progress = Math.Min(1.0, (double)(step - _warmup) / span);
        var floor = peak * options.MinLearningRateFactor;
        return (float)(floor + ((peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress))));
    }
}
