using ForecastService.Api.Contracts;
using ForecastService.Api.Streaming;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Stateful streaming under <c>/v1/streams</c>: warm a stream once on a window, then send only new points and get
/// the updated forecast at the cost of those points. State is held in memory by the replica that warmed it.
/// </summary>
public static class StreamsApi
{
    public static IEndpointRouteBuilder MapStreamsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The store registers the stream instruments, each from zero, when it is created. Create it as soon as the host
        // has started (the telemetry pipeline listens by then; zeros recorded earlier would be lost), so /metrics shows
        // them before the first stream call.
        var services = app.ServiceProvider;
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => services.GetRequiredService<StreamStore>());
        var api = app.MapGroup("/v1/streams").WithTags("Streams");

        api.MapPost(string.Empty, Warm).WithName("WarmStream")
            .WithSummary("Warm a stream on at least the model's lookback of points and get its forecast")
            .WithDescription("Freezes the scaling of the last lookback points and runs the model's step model over them from zero state. " +
                "Warming an id that exists replaces it. Behind the gateway send the id in the X-Stream-Id header too: streams are routed by it. " +
                "State lives in this replica's memory only and is lost on restart (then the stream's calls answer 404: re-warm).")
            .Accepts<StreamCreateRequest>("application/json")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/{id}/observations", Observe).WithName("ObserveStream")
            .WithSummary("Append new points to a stream and get the updated forecast")
            .WithDescription("Advances the stream's recurrent state by the new points only (cost grows with the points sent, not the lookback). " +
                "The first timestamp must be exactly one step after the stream's lastTimestamp; duplicates, earlier points and gaps are refused with 400.")
            .Accepts<StreamObservationRequest>("application/json")
            .ProducesValidationProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        api.MapGet("/{id}", Get).WithName("GetStream").WithSummary("Show a stream: its model, last timestamp and latest forecast")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapDelete("/{id}", Delete).WithName("DeleteStream").WithSummary("Drop a stream and free its state")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Warms (or re-warms) a stream.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="handler">The stream handler.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    private static Task<Results<Created<StreamResponse>, ValidationProblem, ProblemHttpResult>> Warm(
        HttpContext context, StreamHandler handler, CancellationToken cancellationToken) =>
        handler.WarmAsync(context, cancellationToken);

    /// <summary>Appends new observations to a stream.</summary>
    /// <param name="id">The stream's id, as sent when warming it.</param>
    /// <param name="context">The HTTP context.</param>
    /// <param name="handler">The stream handler.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away.</param>
    private static Task<Results<Ok<StreamResponse>, ValidationProblem, ProblemHttpResult>> Observe(
        string id, HttpContext context, StreamHandler handler, CancellationToken cancellationToken) =>
        handler.ObserveAsync(context, id, cancellationToken);

    /// <summary>One stream by id.</summary>
    /// <param name="id">The stream's id.</param>
    /// <param name="handler">The stream handler.</param>
    private static Results<Ok<StreamResponse>, ProblemHttpResult> Get(string id, StreamHandler handler) => handler.Get(id);

    /// <summary>Deletes a stream.</summary>
    /// <param name="id">The stream's id.</param>
    /// <param name="handler">The stream handler.</param>
    private static Results<NoContent, ProblemHttpResult> Delete(string id, StreamHandler handler) => handler.Delete(id);
}
