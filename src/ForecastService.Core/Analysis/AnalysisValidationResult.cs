namespace ForecastService.Core.Analysis;

/// <summary>Either a plan for a backtest or anomaly scan, or the field errors that stop it.</summary>
/// <typeparam name="TPlan">The plan type.</typeparam>
public sealed class AnalysisValidationResult<TPlan>
    where TPlan : class
{
    private AnalysisValidationResult(TPlan? plan, IReadOnlyDictionary<string, string[]> errors, bool tooLarge)
    {
        Plan = plan;
        Errors = errors;
        IsTooLarge = tooLarge;
    }

    public TPlan? Plan { get; }

    /// <summary>Messages keyed by the JSON path of the offending field, e.g. <c>series[0].values</c>.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>True when the request broke a size limit (HTTP 413) rather than being wrong (HTTP 400).</summary>
    public bool IsTooLarge { get; }

    internal static AnalysisValidationResult<TPlan> Valid(TPlan plan) => new(plan, new Dictionary<string, string[]>(), tooLarge: false);

    internal static AnalysisValidationResult<TPlan> Invalid(IReadOnlyDictionary<string, string[]> errors, bool tooLarge) => new(null, errors, tooLarge);
}
