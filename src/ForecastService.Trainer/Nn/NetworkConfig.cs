namespace ForecastService.Trainer.Nn;

/// <summary>Shape of a <see cref="ForecastNetwork"/>.</summary>
/// <param name="Cell">Recurrent cell of every layer.</param>
/// <param name="Layers">Stacked recurrent layers (at least 1).</param>
/// <param name="HiddenSize">Hidden state size of every recurrent layer.</param>
/// <param name="Dropout">Dropout probability in [0, 1) applied in training to the outputs of every layer but the top one.</param>
/// <param name="Lookback">Observed steps per window (L).</param>
/// <param name="Horizon">Steps forecast at once (H).</param>
/// <param name="CovariateCount">Calendar covariates per step (C), seen for past and future steps.</param>
/// <param name="Quantiles">Strictly ascending quantile levels in (0, 1).</param>
/// <param name="HeadHiddenSize">Width of the optional ReLU layer of the dense head; 0 maps the encoder state straight to the outputs.</param>
/// <param name="Anchor">
/// The classical forecast the network corrects (see <see cref="ForecastAnchor"/>); null keeps the plain recipe, whose
/// outputs are de-normalized around the window mean.
/// </param>
public sealed record NetworkConfig(
    CellType Cell,
    int Layers,
    int HiddenSize,
    float Dropout,
    int Lookback,
    int Horizon,
    int CovariateCount,
    float[] Quantiles,
    int HeadHiddenSize = 0,
    ForecastAnchor? Anchor = null)
{
    /// <summary>Number of quantiles (Q).</summary>
    public int QuantileCount => Quantiles.Length;

    /// <summary>Input width of the first recurrent layer: the z-scored value plus the past covariates.</summary>
    public int InputSize => 1 + CovariateCount;

    /// <summary>Width of the head's input: the top layer's last hidden state plus the flattened future covariates.</summary>
    public int HeadInputSize => HiddenSize + (Horizon * CovariateCount);

    /// <summary>Throws <see cref="ArgumentException"/> when a field is out of range.</summary>
    public void Validate()
    {
        Require(Layers >= 1, "Layers must be at least 1.");
        Require(HiddenSize >= 1, "HiddenSize must be at least 1.");
        Require(Dropout >= 0 && Dropout < 1, "Dropout must be in [0, 1).");
        Require(Lookback >= 2, "Lookback must be at least 2.");
        Require(Horizon >= 1, "Horizon must be at least 1.");
        Require(CovariateCount >= 0, "CovariateCount must not be negative.");
        Require(HeadHiddenSize >= 0, "HeadHiddenSize must not be negative.");
        Require(Quantiles is { Length: > 0 }, "At least one quantile is needed.");
        Anchor?.Validate(Lookback, Horizon, Quantiles.Length);
        for (var k = 0; k < Quantiles.Length; k++)
        {
            Require(Quantiles[k] > 0 && Quantiles[k] < 1, "Quantiles must lie in (0, 1).");
            Require(k == 0 || Quantiles[k] > Quantiles[k - 1], "Quantiles must be strictly ascending.");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
