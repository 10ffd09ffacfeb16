namespace ForecastService.Trainer.Nn;

/// <summary>Outcome of one training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Maximum epochs of the run.</param>
/// <param name="TrainLoss">Mean pinball loss (on window-scaled targets) over the epoch's batches, with dropout.</param>
/// <param name="ValidationLoss">Mean pinball loss on the validation windows in evaluation mode; NaN without validation windows.</param>
/// <param name="LearningRate">Learning rate of the epoch's last step.</param>
/// <param name="Elapsed">Wall time of the epoch, validation included.</param>
/// <param name="IsBest">Whether this epoch has the best validation loss so far (its weights are kept).</param>
/// <param name="GradientNorm">Mean global gradient norm before clipping.</param>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    float TrainLoss,
    float ValidationLoss,
    float LearningRate,
    TimeSpan Elapsed,
    bool IsBest,
    float GradientNorm);
