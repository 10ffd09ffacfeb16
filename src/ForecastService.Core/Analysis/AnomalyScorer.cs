using ForecastService.Core.Forecasting;
using ForecastService.Core.Time;

namespace ForecastService.Core.Analysis;

/// <summary>Compares each checked observation with the model's step-ahead forecast for it, as the answers come in.</summary>
public sealed class AnomalyScorer
{
    private readonly AnomalyPlan _plan;
    private readonly ModelSignature _model;
    private readonly int _median;
    private readonly int _lower;
    private readonly int _upper;
    private readonly List<AnomalyPoint>[] _points;
    private readonly List<Anomaly>[] _anomalies;

    public AnomalyScorer(AnomalyPlan plan, ModelSignature model)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(model);
        _plan = plan;
        _model = model;
        _median = model.MedianIndex;
        var (lower, upper) = PredictionLevels.QuantilesOf(plan.Level);
        _lower = model.IndexOfQuantile(lower);
        _upper = model.IndexOfQuantile(upper);
        if (_lower < 0 || _upper < 0)
        {
            throw new ArgumentException($"Model '{model.Name}' has no {plan.Level}% interval.", nameof(plan));
        }

        _points = [.. plan.Series.Select(s => new List<AnomalyPoint>(s.Length))];
        _anomalies = [.. plan.Series.Select(_ => new List<Anomaly>())];
    }

    /// <summary>Checks the observation window <paramref name="window"/> forecasts, from row <paramref name="row"/> of the model's output.</summary>
    public void Add(AnalysisWindow window, ForecastOutput output, int row)
    {
        ArgumentNullException.ThrowIfNull(output);
        var series = _plan.Series[window.Series];
        var h = _plan.Step - 1;
        var t = window.Origin + h;
        var value = series.Values[t];
        var median = output[row, h, _median];
        var lower = output[row, h, _lower];
        var upper = output[row, h, _upper];
        var score = IntervalScore.Score(value, lower, upper);
        var timestamp = Timestamps.Format(series.Timestamps[t]);
        _points[window.Series].Add(new AnomalyPoint(timestamp, value, median, lower, upper, score));
        if (score > 0)
        {
            _anomalies[window.Series].Add(new Anomaly(timestamp, value, median, lower, upper, score, value > upper ? Anomaly.Above : Anomaly.Below));
        }
    }

    /// <summary>The answer, once every window was added.</summary>
    public AnomalyResponse ToResponse()
    {
        var series = new SeriesAnomalies[_plan.Series.Count];
        for (var s = 0; s < series.Length; s++)
        {
            series[s] = new SeriesAnomalies(_plan.Series[s].Id, _points[s].Count, _points[s], _anomalies[s]);
        }

        return new AnomalyResponse(_model.Name, _model.Version, _plan.Level, _plan.Step, series);
    }
}
