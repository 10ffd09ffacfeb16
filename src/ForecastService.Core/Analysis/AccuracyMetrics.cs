using System.Text.Json.Serialization;

namespace ForecastService.Core.Analysis;

/// <summary>Point and interval accuracy over every scored step; null where undefined (e.g. MASE of a flat history).</summary>
/// <param name="Mase">Mean absolute error of the median over the mean absolute seasonal difference of the history before each origin.</param>
/// <param name="Smape">Symmetric MAPE in percent (0–200); a step where actual and forecast are both 0 counts as 0.</param>
/// <param name="Mae">Mean absolute error of the median, in the series' units.</param>
/// <param name="Coverage">Fraction (0–1) of actuals inside the interval of the response's level.</param>
/// <param name="Width">Mean width of that interval, in the series' units.</param>
public sealed record AccuracyMetrics(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Mase,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Smape,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Mae,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Coverage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Width);
