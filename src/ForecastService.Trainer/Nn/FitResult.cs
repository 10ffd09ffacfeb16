namespace ForecastService.Trainer.Nn;

/// <summary>Outcome of <see cref="NetworkTrainer.Fit"/>.</summary>
/// <param name="BestNetwork">The network with the weights of the best validation epoch (the last epoch without validation windows).</param>
/// <param name="BestEpoch">1-based epoch whose weights <paramref name="BestNetwork"/> holds.</param>
/// <param name="History">One report per epoch run.</param>
/// <param name="Duration">Wall time of the whole fit.</param>
/// <param name="StoppedEarly">Whether early stopping ended training before the last epoch.</param>
/// <param name="Steps">Optimizer steps taken.</param>
public sealed record FitResult(
    ForecastNetwork BestNetwork,
    int BestEpoch,
    IReadOnlyList<EpochReport> History,
    TimeSpan Duration,
    bool StoppedEarly,
    long Steps)
{
    /// <summary>Validation loss of the best epoch.</summary>
    public float BestValidationLoss => History.Count == 0 ? float.NaN : History[BestEpoch - 1].ValidationLoss;
}
