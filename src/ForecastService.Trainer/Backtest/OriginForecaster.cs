using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.Trainer.Commands;
using ForecastService.Trainer.Evaluation;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Backtesting;

/// <summary>
/// Forecasts every origin of a series with an exported window model under ONNX Runtime (<see cref="OnnxWindowModel"/>,
/// the service's contract): at origin k the model gets the last <c>lookback</c> values before the origin, the
/// calendar covariates of their timestamps, and those of the H target rows' timestamps. No value at or after the
/// origin is copied into the inputs. Must be disposed.
/// </summary>
internal sealed class OriginForecaster : IDisposable
{
    private readonly OnnxWindowModel _model;
    private readonly int _lookback;
    private readonly int _horizon;
    private readonly CalendarFeatures _features;
    private readonly int _quantileCount;
    private readonly (int Low, int Median, int High) _index;

    /// <param name="model">The window model; this instance owns it.</param>
    /// <param name="lookback">Values the model reads per window.</param>
    /// <param name="horizon">Steps the model forecasts.</param>
    /// <param name="frequency">The model's frequency, which decides its calendar covariates.</param>
    /// <param name="quantiles">The model's quantile levels, in output order; 0.1, 0.5 and 0.9 among them.</param>
    public OriginForecaster(OnnxWindowModel model, int lookback, int horizon, Frequency frequency, IReadOnlyList<double> quantiles)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(quantiles);
        _model = model;
        _lookback = lookback;
        _horizon = horizon;
        _features = CalendarFeatures.For(frequency);
        _quantileCount = quantiles.Count;
        _index = (IndexOf(quantiles, 0.1), IndexOf(quantiles, 0.5), IndexOf(quantiles, 0.9));
    }

    /// <summary>Values the model reads before each origin (the card's; the auto recipe chooses it).</summary>
    public int Lookback => _lookback;

    /// <summary>Loads <c>model.onnx</c> of a model folder with the shape its card states.</summary>
    public static OriginForecaster Load(string folder)
    {
        var card = InspectCommand.LoadCard(Path.Combine(folder, ModelContract.CardFileName));
        var model = OnnxWindowModel.Load(Path.Combine(folder, ModelContract.OnnxFileName), card.Quantiles.Count);
        try
        {
            return new OriginForecaster(model, card.Lookback, card.Horizon, Frequency.Parse(card.Frequency), card.Quantiles);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The q10, q50 and q90 of steps 1..H at every origin of <paramref name="series"/>.</summary>
    public IReadOnlyList<ForecastRow> Forecast(BacktestSeries series, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Horizon > _horizon)
        {
            throw new ModelFolderException($"the model forecasts {_horizon} steps; the backtest needs {series.Horizon}");
        }

        var windows = Windows(series);
        var output = _model.Predict(windows, cancellationToken);
        var rows = new List<ForecastRow>(series.Origins.Length * series.Horizon);
        for (var k = 0; k < series.Origins.Length; k++)
        {
            for (var j = 0; j < series.Horizon; j++)
            {
                var at = ((k * _horizon) + j) * _quantileCount;
                rows.Add(new ForecastRow(series.Id, k + 1, j + 1, output[at + _index.Low], output[at + _index.Median], output[at + _index.High]));
            }
        }

        return rows;
    }

    public void Dispose() => _model.Dispose();

    /// <summary>One window per origin; the targets are left empty: the model never needs them.</summary>
    private WindowSet Windows(BacktestSeries series)
    {
        int l = _lookback, h = _horizon, c = _features.Count, count = series.Origins.Length;
        var values = new float[count * l];
        var past = new float[count * l * c];
        var future = new float[count * h * c];
        for (var k = 0; k < count; k++)
        {
            var origin = series.Origins[k];
            if (origin < l)
            {
                throw new ArgumentException($"origin {k + 1} has {origin} rows before it; the model reads {l}", nameof(series));
            }

            if (origin + h > series.Timestamps.Length)
            {
                throw new ArgumentException($"origin {k + 1}: the model forecasts {h} steps but only {series.Timestamps.Length - origin} rows (timestamps) follow", nameof(series));
            }

            for (var t = 0; t < l; t++)
            {
                values[(k * l) + t] = (float)series.Values[origin - l + t];
            }

            _features.Compute(series.Timestamps.AsSpan(origin - l, l), past.AsSpan(k * l * c, l * c));
            _features.Compute(series.Timestamps.AsSpan(origin, h), future.AsSpan(k * h * c, h * c));
        }

        return new WindowSet(count, l, h, c, values, past, future, [], new int[count]);
    }

    private static int IndexOf(IReadOnlyList<double> quantiles, double level)
    {
        for (var i = 0; i < quantiles.Count; i++)
        {
            if (Math.Abs(quantiles[i] - level) < 1e-9)
            {
                return i;
            }
        }

        throw new ArgumentException($"The model has no {level} quantile; the backtest writes q10, q50 and q90.", nameof(quantiles));
    }
}
