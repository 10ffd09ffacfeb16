using ForecastService.Api.Endpoints;
using ForecastService.Api.Errors;
using ForecastService.Api.Logging;
using ForecastService.Api.Models;
using ForecastService.Api.Options;
using ForecastService.Api.Tracing;
using ForecastService.Core.Forecasting;
using ForecastService.Inference;
using ForecastService.Inference.Batching;
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
        using var operation = ForecastTracing.StartOperation("forecast");
        if (ModelCallProblems.ParseVersion(versionText, "forecast", out var version) is { } badVersion)
        {
            return badVersion;
        }

        var lookup = repository.Lease(name, version);
        if (lookup.Model is not { } model)
        {
            return ModelCallProblems.NotLeased(lookup);
        }

        using var lease = new ModelLease(model);
        var signature = model.Signature;
        ForecastRequestInfo.Describe(context, operation, signature, model.Forecaster.ExecutionProvider);
        using var validating = ForecastTracing.StartValidate();
        var (request, problem) = await RequestBodyReader.ReadAsync(context.Request, _limits.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        ForecastRequestInfo.CountSeries(context, operation, request?.Series?.Length ?? 0);

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

        validating?.Dispose();
        ForecastOutput output;
        try
        {
            output = await model.Forecaster.ForecastAsync(ForecastInput.FromWindows(plan.Windows, signature), cancellationToken);
        }
        catch (BatchQueueFullException ex)
        {
            return ModelCallProblems.Overloaded(context, ex);
        }
        catch (OnnxRuntimeException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ModelCallProblems.RunFailed(context, logger, signature, $"model '{signature.Name}' v{signature.Version}", ex);
        }

        for (var b = 0; b < plan.Windows.Count; b++)
        {
            if (!output.IsFinite(b))
            {
                return ModelCallProblems.NotFinite(context, logger, signature, plan.Windows[b].Id);
            }
        }

        var forecasts = ForecastShaper.Shape(plan, signature, output);
        return TypedResults.Ok(new ForecastResponse(signature.Name, signature.Version, model.Forecaster.ExecutionProvider, forecasts));
    }
}
