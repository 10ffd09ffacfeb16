namespace ForecastService.Core.Forecasting;

/// <summary>Either a <see cref="ForecastPlan"/> or the field errors that stop it.</summary>
public sealed class ForecastValidationResult
{
    private ForecastValidationResult(ForecastPlan? plan, IReadOnlyDictionary<string, string[]> errors, bool tooLarge)
    {
        Plan = plan;
        Errors = errors;
        IsTooLarge = tooLarge;
    }

    public ForecastPlan? Plan { get; }

    /// <summary>Messages keyed by the JSON path of the offending field, e.g. <c>series[0].values[3]</c>.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>True when the request broke a size limit (HTTP 413) rather than being wrong (HTTP 400).</summary>
    public bool IsTooLarge { get; }

    public bool IsValid => Plan is not null;

    internal static ForecastValidationResult Valid(ForecastPlan plan) => new(plan, new Dictionary<string, string[]>(), tooLarge: false);

    internal static ForecastValidationResult Invalid(IReadOnlyDictionary<string, string[]> errors, bool tooLarge) => new(null, errors, tooLarge);
}
