namespace ForecastService.Trainer.Nn;

/// <summary>Training-mode dropout: the rate and the keys that make each window's mask reproducible.</summary>
/// <param name="Rate">Probability of zeroing an activation; kept ones are scaled by 1/(1 − rate).</param>
/// <param name="Seed">Training seed.</param>
/// <param name="Step">Optimizer step, so each step draws new masks.</param>
internal readonly record struct DropoutContext(float Rate, long Seed, long Step);
