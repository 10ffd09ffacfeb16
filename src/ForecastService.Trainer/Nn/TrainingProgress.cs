namespace ForecastService.Trainer.Nn;

/// <summary>
/// Progress of <see cref="NetworkTrainer.Fit"/>: reported after every batch (with <see cref="EpochCompleted"/>
/// null) and once more at the end of each epoch (with it set), for a progress bar and per-epoch lines.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Maximum epochs.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="RunningTrainLoss">Mean training loss of this epoch's batches so far.</param>
/// <param name="EpochCompleted">The finished epoch's report, or null for a batch update.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, float RunningTrainLoss, EpochReport? EpochCompleted);
