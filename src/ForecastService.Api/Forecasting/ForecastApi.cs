using ForecastService.Api.Contracts;
using ForecastService.Api.Endpoints;
using ForecastService.Api.Errors;
using ForecastService.Api.Forecasting;
using ForecastService.Api.Models;
using ForecastService.Core.Forecasting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The REST API under <c>/v1/models</c>. The routes and field names are a fixed contract: add, never rename.</summary>
public static class ForecastApi
{
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/v1/models").WithTags("Models");

        api.MapGet("/", ListModels).WithName("ListModels").WithSummary("List every model in the repository, its versions and state");
        api.MapGet("/{name}", GetModel).WithName("GetModel").WithSummary("Describe one model, with its card's held-out metrics")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{name}/forecast", Forecast).WithName("Forecast").WithSummary("Forecast one or more series with the model's latest version")
            .WithForecastContract();
        api.MapPost("/{name}/versions/{version}/forecast", ForecastVersion).WithName("ForecastVersion").WithSummary("Forecast with a specific version of the model")
            .WithForecastContract();
        return app;
    }

    /// <summary>Every model found under the repository root, ready or failed.</summary>
    private static Ok<ModelSummary[]> ListModels(ModelRepository repository) =>
        TypedResults.Ok(repository.Catalog.Models.Select(ModelViews.Summary).ToArray());

    /// <summary>One model by name.</summary>
    /// <param name="name">The model's name, e.g. <c>energy-load</c>.</param>
    /// <param name="repository">The model repository.</param>
    private static Results<Ok<ModelDetails>, ProblemHttpResult> GetModel(string name, ModelRepository repository)
    {
        var lookup = ModelLookup.Find(repository.Catalog, name, null);
        return repository.Catalog.Find(name) is { } entry
            ? TypedResults.Ok(ModelViews.Details(entry))
            : Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Unknown model", lookup.Detail);
    }

    /// <summary>Forecasts every series in the body, as one batch, with the model's latest loaded version.</summary>
    /// <param name="name">The model's name, e.g. <c>energy-load</c>.</param>
    /// <param name="context">The HTTP context.</param>
    /// <param name="handler">The forecast handler.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    private static Task<Results<Ok<ForecastResponse>, ValidationProblem, ProblemHttpResult>> Forecast(
        string name, HttpContext context, ForecastHandler handler, CancellationToken cancellationToken) =>
        handler.ForecastAsync(context, name, null, cancellationToken);

    /// <summary>Forecasts every series in the body with one version of the model.</summary>
    /// <param name="name">The model's name, e.g. <c>energy-load</c>.</param>
    /// <param name="version">The version, a positive integer.</param>
    /// <param name="context">The HTTP context.</param>
    /// <param name="handler">The forecast handler.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    private static Task<Results<Ok<ForecastResponse>, ValidationProblem, ProblemHttpResult>> ForecastVersion(
        string name, string version, HttpContext context, ForecastHandler handler, CancellationToken cancellationToken) =>
        handler.ForecastAsync(context, name, version, cancellationToken);

    private static RouteHandlerBuilder WithForecastContract(this RouteHandlerBuilder route) => route
        .Accepts<ForecastRequest>("application/json")
        .ProducesValidationProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status500InternalServerError)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
