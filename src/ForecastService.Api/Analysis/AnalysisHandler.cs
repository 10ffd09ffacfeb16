using System.Text.Json.Serialization.Metadata;
using ForecastService.Api.Endpoints;
using ForecastService.Api.Errors;
using ForecastService.Api.Json;
using ForecastService.Api.Logging;
using ForecastService.Api.Models;
using ForecastService.Api.Options;
using ForecastService.Api.Tracing;
using ForecastService.Core.Analysis;
using ForecastService.Core.Forecasting;
using ForecastService.Inference;
using ForecastService.Inference.Batching;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Analysis;

/// <summary>
/// Backtests and anomaly scans from body to answer: lease the model, read and validate the body (Core plans the
/// windows), run the windows through the model's forecaster in large calls, and score them as they come back.
/// </summary>
internal sealed class AnalysisHandler(
    ModelRepository repository, IOptions<RequestLimitsOptions> limitsOptions, IOptions<AnalysisOptions> analysisOptions, ILogger<AnalysisHandler> logger)
{
    private readonly RequestLimitsOptions _limits = limitsOptions.Value;
    private readonly RequestLimits _requestLimits = limitsOptions.Value.ToLimits();
    private readonly AnalysisOptions _analysis = analysisOptions.Value;
    private readonly AnalysisLimits _analysisLimits = analysisOptions.Value.ToLimits();

    public Task<Results<Ok<BacktestResponse>, ValidationProblem, ProblemHttpResult>> BacktestAsync(
        HttpContext context, string name, string? versionText, CancellationToken cancellationToken) =>
        RunAsync<BacktestRequest, BacktestPlan, BacktestResponse>(
            context,
            name,
            versionText,
            "backtest",
            ForecastJsonContext.Default.BacktestRequest,
            r => r.Series?.Length ?? 0,
            (request, model) => BacktestValidator.Validate(request, model.Signature, model.Card.Seasonality, _requestLimits, _analysisLimits),
            (plan, model) =>
            {
                var scorer = new BacktestScorer(plan, model.Signature);
                return new AnalysisJob<BacktestResponse>(plan.Series, plan.ModelWindows, scorer.Add, scorer.ToResponse);
            },
            cancellationToken);

    public Task<Results<Ok<AnomalyResponse>, ValidationProblem, ProblemHttpResult>> AnomaliesAsync(
        HttpContext context, string name, string? versionText, CancellationToken cancellationToken) =>
        RunAsync<AnomalyRequest, AnomalyPlan, AnomalyResponse>(
            context,
            name,
            versionText,
            "anomalies",
            ForecastJsonContext.Default.AnomalyRequest,
            r => r.Series?.Length ?? 0,
            (request, model) => AnomalyValidator.Validate(request, model.Signature, _requestLimits, _analysisLimits),
            (plan, model) =>
            {
                var scorer = new AnomalyScorer(plan, model.Signature);
                return new AnalysisJob<AnomalyResponse>(plan.Series, plan.ModelWindows, scorer.Add, scorer.ToResponse);
            },
            cancellationToken);

    private async Task<Results<Ok<TResponse>, ValidationProblem, ProblemHttpResult>> RunAsync<TRequest, TPlan, TResponse>(
        HttpContext context,
        string name,
        string? versionText,
        string route,
        JsonTypeInfo<TRequest> requestType,
        Func<TRequest, int> seriesCount,
        Func<TRequest?, LoadedModel, AnalysisValidationResult<TPlan>> validate,
        Func<TPlan, LoadedModel, AnalysisJob<TResponse>> start,
        CancellationToken cancellationToken)
        where TRequest : class
        where TPlan : class
    {
        using var operation = ForecastTracing.StartOperation(route);
        if (ModelCallProblems.ParseVersion(versionText, route, out var version) is { } badVersion)
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
        var (request, problem) = await RequestBodyReader.ReadAsync(context.Request, _limits.MaxBodyBytes, requestType, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (request is not null)
        {
            ForecastRequestInfo.CountSeries(context, operation, seriesCount(request));
        }

        var validation = validate(request, model);
        if (validation.Plan is not { } plan)
        {
            return validation.IsTooLarge
                ? Problems.WithErrors(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "Request too large", "The request is over a configured limit (RequestLimits or Analysis); see errors.", validation.Errors)
                : TypedResults.ValidationProblem(
                    validation.Errors,
                    detail: $"The {route} request does not fit model '{signature.Name}' v{signature.Version}; each entry in errors names a field and how to fix it.",
                    title: $"Invalid {route} request",
                    type: ProblemTypes.InvalidRequest);
        }

        validating?.Dispose();
        var job = start(plan, model);
        string? notFinite = null;
        try
        {
            var writer = new ModelWindowWriter(job.Series, signature);
            await ModelWindowRunner.RunAsync(
                model.Forecaster,
                writer,
                job.Windows,
                _analysis.WindowsPerCall,
                (window, output, row) =>
                {
                    // A non-finite answer must not reach a score (NaN bounds counted as coverage) or the JSON.
                    if (!output.IsFinite(row))
                    {
                        notFinite ??= job.Series[window.Series].Id;
                    }
                    else if (notFinite is null)
                    {
                        job.Score(window, output, row);
                    }
                },
                cancellationToken);
        }
        catch (BatchQueueFullException ex)
        {
            return ModelCallProblems.Overloaded(context, ex);
        }
        catch (OnnxRuntimeException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ModelCallProblems.RunFailed(context, logger, signature, $"model '{signature.Name}' v{signature.Version}", ex);
        }

        return notFinite is not null ? ModelCallProblems.NotFinite(context, logger, signature, notFinite) : TypedResults.Ok(job.Answer());
    }

    /// <summary>What one analysis runs and how it scores: the histories, the windows in order, a scorer per answer row and the final answer.</summary>
    private sealed record AnalysisJob<TResponse>(
        IReadOnlyList<AnalysisSeries> Series, IReadOnlyList<AnalysisWindow> Windows, Action<AnalysisWindow, ForecastOutput, int> Score, Func<TResponse> Answer);
}
