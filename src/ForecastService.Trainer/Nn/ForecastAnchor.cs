namespace ForecastService.Trainer.Nn;

/// <summary>
/// A classical forecast as a fixed linear map of the window, which the network only corrects: per window,
/// forecast_h = Σ_l Weights[h, l]·x_l + d·(g·q_h), with d = <see cref="AnchorScale"/> of the window and q the network's
/// scaled quantiles. An untrained network (q ≈ 0 at the median) therefore already gives the classical forecast, and
/// g = 0 turns the network off entirely.
/// </summary>
/// <param name="Name">What the map forecasts, for people (e.g. "seasonal naive (24)").</param>
/// <param name="Weights">[H, L] row-major: step h's forecast as weights on the window's values, oldest first.</param>
/// <param name="ResidualGain">g: how much of the network's correction is used (1 while training; chosen on validation windows after).</param>
/// <param name="QuantileOffsets">
/// [H, Q] conformal offsets in units of d: when set, quantile k of step h is the median plus d·offset[h, k] instead of
/// the network's own quantiles. Null while training.
/// </param>
/// <param name="MedianIndex">Index of the 0.5 quantile, which <paramref name="QuantileOffsets"/> are measured from.</param>
public sealed record ForecastAnchor(string Name, float[] Weights, float ResidualGain = 1f, float[]? QuantileOffsets = null, int MedianIndex = 0)
{
    internal void Validate(int lookback, int horizon, int quantiles)
    {
        if (Weights.Length != lookback * horizon)
        {
            throw new ArgumentException($"The anchor needs {horizon} x {lookback} weights, not {Weights.Length}.");
        }

        if (QuantileOffsets is { } offsets && offsets.Length != horizon * quantiles)
        {
            throw new ArgumentException($"The quantile offsets need {horizon} x {quantiles} values, not {offsets.Length}.");
        }

        if (MedianIndex < 0 || MedianIndex >= quantiles || !float.IsFinite(ResidualGain))
        {
            throw new ArgumentException("The anchor's median index must name a quantile and its gain must be finite.");
        }
    }

    /// <summary>Step-by-step anchor forecast of one window into <paramref name="forecast"/> (length H).</summary>
    public void Forecast(ReadOnlySpan<float> window, Span<float> forecast)
    {
        var l = window.Length;
        for (var h = 0; h < forecast.Length; h++)
        {
            var row = Weights.AsSpan(h * l, l);
            double sum = 0;
            for (var t = 0; t < l; t++)
            {
                sum += row[t] * window[t];
            }

            forecast[h] = (float)sum;
        }
    }
}
