using ForecastService.Core.Evaluation;
using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Analysis;

/// <summary>
/// Scores a backtest window by window as the model's answers come in: the model's median and level band, and seasonal
/// naive from the same history, against the actuals after the origin.
/// </summary>
/// <remarks>
/// MASE scales each window by the mean absolute seasonal difference of the series' whole history before the origin
/// (what the forecaster could have known; steadier than one window), as the trainer's held-out metrics do. Seasonal
/// naive sees only the <see cref="BacktestValidator.NaiveWindow"/> points before the origin, like the model its lookback.
/// Every scored step weighs the same, per series and overall.
/// </remarks>
public sealed class BacktestScorer
{
    private readonly BacktestPlan _plan;
    private readonly ModelSignature _model;
    private readonly int _median;
    private readonly int _lower;
    private readonly int _upper;
    private readonly double[] _naiveLevels;
    private readonly int _naiveWindow;
    private readonly ForecastAccuracy _overallModel = new();
    private readonly ForecastAccuracy _overallNaive = new();
    private readonly ForecastAccuracy[] _seriesModel;
    private readonly ForecastAccuracy[] _seriesNaive;
    private readonly double[] _point;
    private readonly double[] _low;
    private readonly double[] _high;

    public BacktestScorer(BacktestPlan plan, ModelSignature model)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(model);
        _plan = plan;
        _model = model;
        _median = model.MedianIndex;
        if (plan.Level is { } level)
        {
            var (lower, upper) = PredictionLevels.QuantilesOf(level);
            _lower = model.IndexOfQuantile(lower);
            _upper = model.IndexOfQuantile(upper);
            _naiveLevels = [lower, upper];
        }
        else
        {
            _lower = _upper = _median;
            _naiveLevels = [0.5, 0.5];
        }

        _naiveWindow = BacktestValidator.NaiveWindow(model.Lookback, plan.Seasonality);
        _seriesModel = [.. plan.Series.Select(_ => new ForecastAccuracy())];
        _seriesNaive = [.. plan.Series.Select(_ => new ForecastAccuracy())];
        _point = new double[plan.Horizon];
        _low = new double[plan.Horizon];
        _high = new double[plan.Horizon];
    }

    /// <summary>Scores window <paramref name="window"/> from row <paramref name="row"/> of the model's output.</summary>
    public void Add(AnalysisWindow window, ForecastOutput output, int row)
    {
        ArgumentNullException.ThrowIfNull(output);
        var values = _plan.Series[window.Series].Values;
        var origin = window.Origin;
        var history = values.AsSpan(0, origin);
        var actual = values.AsSpan(origin, _plan.Horizon);
        var scale = MaseScale.Compute(history, _plan.Seasonality);

        for (var h = 0; h < _plan.Horizon; h++)
        {
            _point[h] = output[row, h, _median];
            _low[h] = output[row, h, _lower];
            _high[h] = output[row, h, _upper];
        }

        _overallModel.Add(actual, _point, _low, _high, scale);
        _seriesModel[window.Series].Add(actual, _point, _low, _high, scale);

        var naiveHistory = history[^_naiveWindow..];
        var naivePoint = SeasonalNaive.Point(naiveHistory, _plan.Horizon, _plan.Seasonality);
        var band = SeasonalNaive.Quantiles(naiveHistory, _plan.Horizon, _plan.Seasonality, _naiveLevels);
        for (var h = 0; h < _plan.Horizon; h++)
        {
            _point[h] = naivePoint[h];
            _low[h] = band[2 * h];
            _high[h] = band[(2 * h) + 1];
        }

        _overallNaive.Add(actual, _point, _low, _high, scale);
        _seriesNaive[window.Series].Add(actual, _point, _low, _high, scale);
    }

    /// <summary>The answer, once every window was added.</summary>
    public BacktestResponse ToResponse()
    {
        var series = new SeriesBacktest[_plan.Series.Count];
        for (var s = 0; s < series.Length; s++)
        {
            series[s] = new SeriesBacktest(_plan.Series[s].Id, _seriesModel[s].Windows, Metrics(_seriesModel[s]), Metrics(_seriesNaive[s]));
        }

        return new BacktestResponse(
            _model.Name,
            _model.Version,
            _plan.Horizon,
            _plan.Windows,
            _plan.Step,
            _plan.Level,
            _plan.Seasonality,
            series,
            new BacktestComparison(Metrics(_overallModel), Metrics(_overallNaive)));
    }

    private AccuracyMetrics Metrics(ForecastAccuracy accuracy)
    {
        // ForecastAccuracy names its interval figures for the card's 80% band; here they are the plan's level.
        var m = accuracy.ToMetrics();
        var interval = _plan.Level is not null;
        return new AccuracyMetrics(Finite(m.Mase), Finite(m.Smape), Finite(m.Mae), interval ? Finite(m.Coverage80) : null, interval ? Finite(m.Width80) : null);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
