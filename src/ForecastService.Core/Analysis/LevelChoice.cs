using System.Globalization;
using ForecastService.Core.Forecasting;

namespace ForecastService.Core.Analysis;

/// <summary>Picks or checks the one interval level an analysis scores.</summary>
internal static class LevelChoice
{
    /// <summary>
    /// The requested level when the model's quantiles allow it; without one, <paramref name="preferred"/> when
    /// available, else the model's widest level, else null (a median-only model). A wrong level adds an error.
    /// </summary>
    public static double? Check(double? requested, double preferred, ModelSignature model, string field, Dictionary<string, string[]> errors)
    {
        if (requested is not { } level)
        {
            return PredictionLevels.IsAvailable(preferred, model.Levels) ? preferred : model.Levels.Count > 0 ? model.Levels[^1] : null;
        }

        if (!double.IsFinite(level) || level <= 0 || level >= 100)
        {
            errors[field] = [$"A level is a coverage in percent strictly between 0 and 100, e.g. 80; got {Text(level)}."];
            return null;
        }

        if (!PredictionLevels.IsAvailable(level, model.Levels))
        {
            var available = model.Levels.Count == 0 ? "none" : string.Join(", ", model.Levels.Select(Text));
            errors[field] = [$"Model '{model.Name}' cannot give a {Text(level)}% interval from its quantiles ({string.Join(", ", model.QuantileKeys)}); available levels: {available}."];
            return null;
        }

        // The model's own rounding of the level, so 80.0000001 reads back as 80.
        return model.Levels.First(a => Math.Abs(a - level) < 1e-6);
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
