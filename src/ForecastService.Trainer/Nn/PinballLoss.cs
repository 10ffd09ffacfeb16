namespace ForecastService.Trainer.Nn;

/// <summary>
/// Pinball (quantile) loss of a prediction q for level τ and outcome y: τ·(y − q) when y ≥ q, (1 − τ)·(q − y) otherwise.
/// Its expectation is minimized by the τ-quantile of y, so one loss trains all quantiles of the head at once.
/// </summary>
internal static class PinballLoss
{
    public static float Value(float y, float q, float tau)
    {
        var u = y - q;
        return u >= 0 ? tau * u : (tau - 1) * u;
    }

    /// <summary>∂loss/∂q: −τ above the prediction, 1 − τ below it (at a tie, the middle of the sub-gradient interval, ½ − τ).</summary>
    public static float Gradient(float y, float q, float tau)
    {
        var u = y - q;
        return u > 0 ? -tau : u < 0 ? 1 - tau : 0.5f - tau;
    }
}
