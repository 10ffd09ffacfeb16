using ForecastService.Api.Analysis;
using ForecastService.Core.Analysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Backtests and anomaly scans under <c>/v1/models</c>, beside the forecast routes and with the same version routes.</summary>
public static class AnalysisApi
{
    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/v1/models").WithTags("Analysis");

        api.MapPost("/{name}/backtest", Backtest).WithName("Backtest")
            .WithSummary("Rolling-origin backtest on your history: MASE, sMAPE, MAE, interval coverage and width, next to seasonal naive")
            .WithContract<BacktestRequest>();
        api.MapPost("/{name}/versions/{version}/backtest", BacktestVersion).WithName("BacktestVersion")
            .WithSummary("Backtest a specific version of the model")
            .WithContract<BacktestRequest>();
        api.MapPost("/{name}/anomalies", Anomalies).WithName("Anomalies")
            .WithSummary("Flag observations outside the model's step-ahead prediction interval, with how far outside (in interval widths)")
            .WithContract<AnomalyRequest>();
        api.MapPost("/{name}/versions/{version}/anomalies", AnomaliesVersion).WithName("AnomaliesVersion")
            .WithSummary("Flag anomalies with a specific version of the model")
            .WithContract<AnomalyRequest>();
        return app;
    }

    /// <summary>
    /// Rolling-origin evaluation with the model's latest version: origin k of <c>windows</c> is
    /// n − horizon − (windows − 1 − k) · step; the model sees only the lookback points before each origin.
    /// </summary>
    /// <param name="name">The model's name, e.g. <c>energy-load</c>.</param>
    /// <param name="context">The HTTP context.</param>
    /// <param name="handler">The analysis handler.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    private static Task<Results<Ok<BacktestResponse>, ValidationProblem, ProblemHttpResult>> Backtest(
        string name, HttpContext context, AnalysisHandler handler, CancellationToken cancellationToken) =>
        handler.BacktestAsync(context, name, null, cancellationToken);

    /// <summary>Rolling-origin evaluation with one version of the model.</summary>
    /// <param name="name">The model's name, e.g. <c>energy-load</c>.</param>
    /// <param name="version">The version, a positive integer.</param>
    /// <param name="context">The HTTP context.</param>
    /// <param name="handler">The analysis handler.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    private static Task<Results<Ok<BacktestResponse>, ValidationProblem, ProblemHttpResult>> BacktestVersion(
        string name, string version, HttpContext context, AnalysisHandler handler, CancellationToken cancellationToken) =>
        handler.BacktestAsync(context, name, version, cancellationToken);

    /// <summary>
    /// Checks every observation with lookback + step − 1 points before it against the latest version's step-ahead
    /// forecast from the window ending step points earlier; score = 0 inside the interval, else the distance outside
    /// divided by the interval's width.
    /// </summary>
    /// <param name="name">The model's name, e.g. <c>sensor-river</c>.</param>
    /// <param name="context">The HTTP context.</param>
    /// <param name="handler">The analysis handler.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    private static Task<Results<Ok<AnomalyResponse>, ValidationProblem, ProblemHttpResult>> Anomalies(
        string name, HttpContext context, AnalysisHandler handler, CancellationToken cancellationToken) =>
        handler.AnomaliesAsync(context, name, null, cancellationToken);

    /// <summary>Flags anomalies with one version of the model.</summary>
    /// <param name="name">The model's name, e.g. <c>sensor-river</c>.</param>
    /// <param name="version">The version, a positive integer.</param>
    /// <param name="context">The HTTP context.</param>
    /// <param name="handler">The analysis handler.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    private static Task<Results<Ok<AnomalyResponse>, ValidationProblem, ProblemHttpResult>> AnomaliesVersion(
        string name, string version, HttpContext context, AnalysisHandler handler, CancellationToken cancellationToken) =>
        handler.AnomaliesAsync(context, name, version, cancellationToken);

    private static RouteHandlerBuilder WithContract<TRequest>(this RouteHandlerBuilder route)
        where TRequest : notnull => route
        .Accepts<TRequest>("application/json")
        .ProducesValidationProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status500InternalServerError)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
