using System.Globalization;
using ForecastService.Api.Endpoints;
using ForecastService.Api.Errors;
using ForecastService.Api.Forecasting.Batching;
using ForecastService.Api.Logging;
using ForecastService.Api.Models;
using ForecastService.Api.Options;
using ForecastService.Core.Forecasting;
using ForecastService.Onnx;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Forecasting;

/// <summary>
/// One forecast call from body to answer: find and lease the model, read and validate the body, run every series as
/// one batch through the model's <see cref="IForecaster"/>, and shape the quantiles. HTTP concerns stop here; the
/// forecasting itself lives in Core.
/// </summary>
internal sealed class ForecastHandler(ModelRepository repository, IOptions<RequestLimitsOptions> limitsOptions, ILogger<ForecastHandler> logger)
{
    private readonly RequestLimitsOptions _limits = limitsOptions.Value;
    private readonly RequestLimits _requestLimits = limitsOptions.Value.ToLimits();

    public async Task<Results<Ok<ForecastResponse>, ValidationProblem, ProblemHttpResult>> ForecastAsync(
        HttpContext context, string name, string? versionText, CancellationToken cancellationToken)
    {
        int? version = null;
        if (versionText is not null)
        {
            if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Unknown version", "A version is a positive integer, e.g. /v1/models/energy-load/versions/1/forecast.");
            }

            version = parsed;
        }

        var lookup = repository.Lease(name, version);
        if (lookup.Model is not { } model)
        {
            return lookup.Outcome == LookupOutcome.Unavailable
                ? Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ModelUnavailable, "Model unavailable", lookup.Detail)
                : Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, lookup.Outcome == LookupOutcome.UnknownModel ? "Unknown model" : "Unknown version", lookup.Detail);
        }

        using var lease = new ModelLease(model);
        var signature = model.Signature;
        var info = context.Features.Get<ForecastRequestInfo>();
        if (info is not null)
        {
            info.Model = signature.Name;
            info.Version = signature.Version;
        }

        var (request, problem) = await RequestBodyReader.ReadAsync(context.Request, _limits.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (info is not null)
        {
            info.SeriesCount = request?.Series?.Length ?? 0;
        }

        var validation = ForecastRequestValidator.Validate(request, signature, _requestLimits);
        if (validation.Plan is not { } plan)
        {
            return validation.IsTooLarge
                ? Problems.WithErrors(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "Request too large", "The request is over a configured limit (RequestLimits); see errors.", validation.Errors)
                : TypedResults.ValidationProblem(
                    validation.Errors,
                    detail: $"The request does not fit model '{signature.Name}' v{signature.Version}; each entry in errors names a field and how to fix it.",
                    title: "Invalid forecast request",
                    type: ProblemTypes.InvalidRequest);
        }

        ForecastOutput output;
        try
        {
            output = await model.Forecaster.ForecastAsync(ForecastInput.FromWindows(plan.Windows, signature), cancellationToken);
        }
        catch (BatchQueueFullException ex)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(ex.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Overloaded, "Model overloaded", ex.Message);
        }
        catch (OnnxRuntimeException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.ModelRunFailed(logger, signature.Name, signature.Version, context.TraceIdentifier, LogText.RedactPaths(ex.Message));
            return Problems.Create(
                StatusCodes.Status500InternalServerError,
                ProblemTypes.ModelRunFailed,
                "Model run failed",
                $"ONNX Runtime failed while running model '{signature.Name}' v{signature.Version}. Quote correlation id {context.TraceIdentifier} when reporting it.");
        }

        var forecasts = ForecastShaper.Shape(plan, signature, output);
        return TypedResults.Ok(new ForecastResponse(signature.Name, signature.Version, model.Forecaster.ExecutionProvider, forecasts));
    }
}
