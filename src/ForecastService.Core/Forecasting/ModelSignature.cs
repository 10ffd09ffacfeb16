using System.Globalization;
using ForecastService.Core.Models;
using ForecastService.Core.Time;

namespace ForecastService.Core.Forecasting;

/// <summary>
/// What a forecast call needs to know about a model version: its window sizes, frequency, quantiles and the covariates
/// that go with them. Built once per loaded model, never per request.
/// </summary>
public sealed class ModelSignature
{
    private const double Tolerance = 1e-9;

    public ModelSignature(string name, int version, int lookback, int horizon, Frequency frequency, IReadOnlyList<double> quantiles, SeriesCalendar? calendar = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentNullException.ThrowIfNull(quantiles);
        ValidateQuantiles(quantiles);

        Name = name;
        Version = version;
        Lookback = lookback;
        Horizon = horizon;
        Frequency = frequency;
        Calendar = calendar ?? SeriesCalendar.Regular(frequency);
        if (Calendar.Frequency != frequency)
        {
            throw new ArgumentException($"The calendar steps by {Calendar.Frequency}, but the model by {frequency}.", nameof(calendar));
        }

        Quantiles = [.. quantiles];
        QuantileKeys = [.. quantiles.Select(q => q.ToString(CultureInfo.InvariantCulture))];
        MedianIndex = IndexOfQuantile(0.5);
        Features = CalendarFeatures.For(frequency);
        Levels = [.. PredictionLevels.Available(quantiles)];
    }

    public string Name { get; }

    public int Version { get; }

    public int Lookback { get; }

    public int Horizon { get; }

    public Frequency Frequency { get; }

    /// <summary>The timestamps the model's series are observed at: every step of <see cref="Frequency"/> unless the card says otherwise.</summary>
    public SeriesCalendar Calendar { get; }

    /// <summary>Quantile levels in the model's output order, ascending; 0.5 is always among them.</summary>
    public IReadOnlyList<double> Quantiles { get; }

    /// <summary>The response's keys for <see cref="Quantiles"/>, e.g. <c>"0.1"</c>.</summary>
    public IReadOnlyList<string> QuantileKeys { get; }

    public int MedianIndex { get; }

    public CalendarFeatures Features { get; }

    public int CovariateCount => Features.Count;

    /// <summary>The central interval levels (percent) the quantiles allow, ascending.</summary>
    public IReadOnlyList<double> Levels { get; }

    /// <summary>The largest magnitude of a value the model's 32-bit scaling takes without overflow (<see cref="StreamScaling.MaxMagnitude"/>).</summary>
    public double MaxAbsValue => StreamScaling.MaxMagnitude(Lookback);

    /// <exception cref="FormatException">The card's frequency or calendar is not one we know.</exception>
    /// <exception cref="ArgumentException">The card's sizes or quantiles are unusable.</exception>
    public static ModelSignature FromCard(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var frequency = Time.Frequency.Parse(card.Frequency);
        var calendar = card.Calendar?.ToCalendar(frequency);
        return new ModelSignature(card.Name, card.Version, card.Lookback, card.Horizon, frequency, card.Quantiles, calendar);
    }

    /// <summary>The output index of quantile <paramref name="quantile"/>, or -1.</summary>
    public int IndexOfQuantile(double quantile)
    {
        for (var i = 0; i < Quantiles.Count; i++)
        {
            if (Math.Abs(Quantiles[i] - quantile) < Tolerance)
            {
                return i;
            }
        }

        return -1;
    }

    private static void ValidateQuantiles(IReadOnlyList<double> quantiles)
    {
        if (quantiles.Count == 0)
        {
            throw new ArgumentException("A model needs at least one quantile (0.5).", nameof(quantiles));
        }

        for (var i = 0; i < quantiles.Count; i++)
        {
            if (!(quantiles[i] is > 0 and < 1) || (i > 0 && quantiles[i] <= quantiles[i - 1]))
            {
                throw new ArgumentException(
                    $"Quantiles must be strictly ascending and inside (0, 1); got {string.Join(", ", quantiles.Select(q => q.ToString(CultureInfo.InvariantCulture)))}.",
                    nameof(quantiles));
            }
        }

        if (!quantiles.Any(q => Math.Abs(q - 0.5) < Tolerance))
        {
            throw new ArgumentException("The quantiles must include 0.5, which the API answers as the median.", nameof(quantiles));
        }
    }
}
