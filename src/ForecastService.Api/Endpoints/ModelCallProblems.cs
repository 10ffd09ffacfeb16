using System.Globalization;
using ForecastService.Api.Errors;
using ForecastService.Api.Logging;
using ForecastService.Api.Models;
using ForecastService.Core.Forecasting;
using ForecastService.Inference;
using ForecastService.Inference.Batching;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ForecastService.Api.Endpoints;

/// <summary>
/// The answers every endpoint that runs a model gives the same way: a version in the URL that is not a number, a model
/// that cannot be leased, a full batch queue and an ONNX Runtime failure.
/// </summary>
internal static class ModelCallProblems
{
    /// <summary>Parses <c>{version}</c> from a route; null text means "the latest".</summary>
    /// <param name="versionText">The route value, or null.</param>
    /// <param name="route">The route's last segment (forecast, backtest...), for the example in the message.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <returns>Null when usable; otherwise the 404 to answer.</returns>
    public static ProblemHttpResult? ParseVersion(string? versionText, string route, out int? version)
    {
        version = null;
        if (versionText is null)
        {
            return null;
        }

        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
        {
            return Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Unknown version", $"A version is a positive integer, e.g. /v1/models/energy-load/versions/1/{route}.");
        }

        version = parsed;
        return null;
    }

    /// <summary>503 while no version of the model is loaded, else 404 naming what is unknown.</summary>
    public static ProblemHttpResult NotLeased(ModelLookup lookup) => lookup.Outcome == LookupOutcome.Unavailable
        ? Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ModelUnavailable, "Model unavailable", lookup.Detail)
        : Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, lookup.Outcome == LookupOutcome.UnknownModel ? "Unknown model" : "Unknown version", lookup.Detail);

    /// <summary>503 with <c>Retry-After</c> from the batcher.</summary>
    public static ProblemHttpResult Overloaded(HttpContext context, BatchQueueFullException ex)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Overloaded, "Model overloaded", ex.Message);
    }

    /// <summary>
    /// The 500 for a model that answered NaN or Infinity although every value was within its range
    /// (<see cref="ModelSignature.MaxAbsValue"/>): a model defect, logged; JSON cannot carry such numbers, so no part
    /// of that answer is sent.
    /// </summary>
    public static ProblemHttpResult NotFinite(HttpContext context, ILogger logger, ModelSignature signature, string seriesId)
    {
        Log.ModelOutputNotFinite(logger, signature.Name, signature.Version, LogText.Escape(seriesId), context.TraceIdentifier);
        return Problems.Create(
            StatusCodes.Status500InternalServerError,
            ProblemTypes.ModelOutputInvalid,
            "Model answered a non-finite forecast",
            $"Model '{signature.Name}' v{signature.Version} answered NaN or Infinity for a series within its value range; the answer was withheld. Quote correlation id {context.TraceIdentifier} when reporting it.");
    }

    /// <summary>Logs the failure under the correlation id (no paths) and answers a 500 that carries only that id.</summary>
    /// <param name="context">The request, for its correlation id.</param>
    /// <param name="logger">Where the failure is logged.</param>
    /// <param name="signature">The model that failed.</param>
    /// <param name="what">What failed, e.g. "model 'x' v1" or "the step model of 'x' v1".</param>
    /// <param name="ex">ONNX Runtime's error; its message goes to the log only.</param>
    public static ProblemHttpResult RunFailed(HttpContext context, ILogger logger, ModelSignature signature, string what, OnnxRuntimeException ex)
    {
        Log.ModelRunFailed(logger, signature.Name, signature.Version, context.TraceIdentifier, LogText.RedactPaths(ex.Message));
        return Problems.Create(
            StatusCodes.Status500InternalServerError,
            ProblemTypes.ModelRunFailed,
            "Model run failed",
            $"ONNX Runtime failed while running {what}. Quote correlation id {context.TraceIdentifier} when reporting it.");
    }
}
