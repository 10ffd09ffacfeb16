using System.Globalization;
using ForecastService.Api.Contracts;
using ForecastService.Api.Endpoints;
using ForecastService.Api.Errors;
using ForecastService.Api.Json;
using ForecastService.Api.Logging;
using ForecastService.Api.Models;
using ForecastService.Api.Options;
using ForecastService.Api.Tracing;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Inference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Streaming;

/// <summary>
/// The calls of <c>/v1/streams</c>: warm a stream (validate like a forecast, freeze the scaling, run the step model
/// over the window from zero state), advance it by new observations only, show it and delete it.
/// </summary>
internal sealed class StreamHandler(
    ModelRepository repository, StreamStore store, IOptions<RequestLimitsOptions> limitsOptions, ILogger<StreamHandler> logger)
{
    /// <summary>The header the gateway routes <c>POST /v1/streams</c> by; when sent it must equal the body's id.</summary>
    public const string StreamIdHeader = "X-Stream-Id";

    private readonly RequestLimitsOptions _limits = limitsOptions.Value;
    private readonly RequestLimits _requestLimits = limitsOptions.Value.ToLimits();

    public async Task<Results<Created<StreamResponse>, ValidationProblem, ProblemHttpResult>> WarmAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var operation = ForecastTracing.StartOperation("stream.warm");
        var (body, problem) = await RequestBodyReader.ReadAsync(context.Request, _limits.MaxBodyBytes, ForecastJsonContext.Default.StreamCreateRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
        {
            errors["$"] = ["The body must be a JSON object such as {\"model\": \"sensor-river\", \"id\": \"pump-3\", \"timestamps\": [...], \"values\": [...]}."];
            return Invalid(errors, "The stream cannot be warmed");
        }

        if (string.IsNullOrWhiteSpace(body.Model))
        {
            errors["model"] = ["model is required: the name of a model that supports streaming (GET /v1/models shows which)."];
        }

        if (body.Id is null)
        {
            errors["id"] = [$"id is required: your name for the stream. {StreamIds.Rule}"];
        }
        else if (!StreamIds.IsValid(body.Id))
        {
            errors["id"] = [$"'{Clip(LogText.Escape(body.Id))}' cannot be a stream id. {StreamIds.Rule}"];
        }
        else if (context.Request.Headers.TryGetValue(StreamIdHeader, out var header) && !string.Equals(header.ToString(), body.Id, StringComparison.Ordinal))
        {
            errors[StreamIdHeader] = [$"The {StreamIdHeader} header must equal the body's id ('{Clip(body.Id)}'): the gateway routes the stream by the header, later calls by the id."];
        }

        if (body.Timestamps is null && body.Values is not null)
        {
            errors["timestamps"] = ["timestamps is required: one ISO-8601 timestamp per value."];
        }

        if (errors.Count > 0)
        {
            return Invalid(errors, "The stream cannot be warmed");
        }

        var lookup = repository.Lease(body.Model!, body.Version);
        if (lookup.Model is not { } model)
        {
            return ModelCallProblems.NotLeased(lookup);
        }

        // The lease passes to the stream once it is stored; every other way out releases it.
        var kept = false;
        try
        {
            var signature = model.Signature;
            if (model.Step is not { } step)
            {
                errors["model"] = [$"Model '{signature.Name}' v{signature.Version} does not support streaming (its card has no step model). Use POST /v1/models/{signature.Name}/forecast, or a model whose 'streaming' is true."];
                return Invalid(errors, "The stream cannot be warmed");
            }

            ForecastRequestInfo.Describe(context, operation, signature, step.ExecutionProvider);
            ForecastRequestInfo.CountSeries(context, operation, 1);
            var request = new ForecastRequest { Series = [new SeriesInput { Id = body.Id, Timestamps = body.Timestamps, Values = body.Values }] };
            var validation = ForecastRequestValidator.Validate(request, signature, _requestLimits);
            if (validation.Plan is not { } plan)
            {
                var renamed = validation.Errors.ToDictionary(e => Rename(e.Key), e => e.Value, StringComparer.Ordinal);
                return validation.IsTooLarge
                    ? Problems.WithErrors(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "Request too large", "The request is over a configured limit (RequestLimits); see errors.", renamed)
                    : Invalid(renamed, $"The warm-up does not fit model '{signature.Name}' v{signature.Version}");
            }

            var id = body.Id!;
            if (!store.HasRoomFor(id))
            {
                store.Metrics.Refused();
                return Full(context);
            }

            var window = plan.Windows[0];
            var scale = StreamScaling.Compute(window.Values);
            ForecastOutput output;
            StepState state;
            try
            {
                using var run = InferenceTracing.StartRun(1);
                (output, state) = step.Advance(window.Values, window.PastTimestamps, window.FutureTimestamps, scale, step.InitialState(), cancellationToken);
            }
            catch (OnnxRuntimeException ex) when (!cancellationToken.IsCancellationRequested)
            {
                return RunFailed(context, signature, ex);
            }

            if (!output.IsFinite(0))
            {
                return ModelCallProblems.NotFinite(context, logger, signature, id);
            }

            var forecast = Shape(signature, window, output);
            var stream = new ForecastStream(id, model, scale, state, window.PastTimestamps[^1], forecast, store.Now);

            // Shown as warmed: once stored, an observation may already be advancing it.
            var view = View(stream);
            if (!store.TryAdd(stream))
            {
                return Full(context);
            }

            kept = true;
            Log.StreamWarmed(logger, id, signature.Name, signature.Version);
            return TypedResults.Created($"{context.Request.PathBase}/v1/streams/{Uri.EscapeDataString(id)}", view);
        }
        finally
        {
            if (!kept)
            {
                model.Release();
            }
        }
    }

    public async Task<Results<Ok<StreamResponse>, ValidationProblem, ProblemHttpResult>> ObserveAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        using var operation = ForecastTracing.StartOperation("stream.observe");
        if (!StreamIds.IsValid(id))
        {
            return InvalidId();
        }

        if (store.Find(id, out var eviction) is not { } stream)
        {
            return Gone(id, eviction);
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(context.Request, _limits.MaxBodyBytes, ForecastJsonContext.Default.StreamObservationRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var signature = stream.Model.Signature;
        ForecastRequestInfo.Describe(context, operation, signature, stream.Step.ExecutionProvider);
        ForecastRequestInfo.CountSeries(context, operation, 1);
        lock (stream.Gate)
        {
            if (stream.IsClosed)
            {
                return NotFound(id);
            }

            if (stream.Model.IsRetired)
            {
                store.Remove(stream, EvictionReason.ModelUnloaded);
                return ModelUnloaded(stream);
            }

            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var validating = ForecastTracing.StartValidate();
            var points = StreamObservationValidator.Validate(body, signature, stream.LastTimestamp, store.Options.MaxPointsPerObservation, errors, out var tooLarge);
            validating?.Dispose();
            if (points is null)
            {
                return tooLarge
                    ? Problems.WithErrors(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "Too many points", "The call is over Streaming:MaxPointsPerObservation; see errors.", errors)
                    : Invalid(errors, $"The observations do not continue stream '{Clip(id)}' (last timestamp {Core.Time.Timestamps.Format(stream.LastTimestamp)}, model '{signature.Name}' v{signature.Version}, step {signature.Frequency})");
            }

            ForecastOutput output;
            StepState state;
            try
            {
                using var run = InferenceTracing.StartRun(1);
                (output, state) = stream.Step.Advance(points.Values, points.Timestamps, points.Future, stream.Scale, stream.State, cancellationToken);
            }
            catch (OnnxRuntimeException ex) when (!cancellationToken.IsCancellationRequested)
            {
                return RunFailed(context, signature, ex);
            }

            if (!output.IsFinite(0))
            {
                // The stream keeps its last good state rather than absorbing one it cannot forecast from.
                return ModelCallProblems.NotFinite(context, logger, signature, id);
            }

            var window = new SeriesWindow(id, points.Values, points.Timestamps, points.Future);
            stream.Advance(state, points.Timestamps[^1], points.Values.Length, Shape(signature, window, output));
            stream.Touch(store.Now);
            store.Metrics.Observed(points.Values.Length);
            return TypedResults.Ok(View(stream));
        }
    }

    public Results<Ok<StreamResponse>, ProblemHttpResult> Get(string id)
    {
        if (!StreamIds.IsValid(id))
        {
            return InvalidId();
        }

        if (store.Find(id, out var eviction) is not { } stream)
        {
            return Gone(id, eviction);
        }

        lock (stream.Gate)
        {
            if (stream.IsClosed)
            {
                return NotFound(id);
            }

            if (stream.Model.IsRetired)
            {
                store.Remove(stream, EvictionReason.ModelUnloaded);
                return ModelUnloaded(stream);
            }

            return TypedResults.Ok(View(stream));
        }
    }

    public Results<NoContent, ProblemHttpResult> Delete(string id)
    {
        if (!StreamIds.IsValid(id))
        {
            return InvalidId();
        }

        var stream = store.Find(id, out var eviction);
        if (stream is null || !store.Remove(stream, EvictionReason.Deleted))
        {
            // Nothing is left to delete: say why it went, but as the 404 a delete of an absent stream answers.
            return eviction is { Reason: EvictionReason.ModelUnloaded } ? NotFound(id, $"Stream '{Clip(id)}' {Unloaded(eviction.Model, eviction.Version)}") : NotFound(id, eviction);
        }

        return TypedResults.NoContent();
    }

    /// <summary>The 404 every unknown id gets: state is in memory only, so after a restart the client must re-warm.</summary>
    internal static ProblemHttpResult NotFound(string id) => NotFound(id, (StreamEviction?)null);

    /// <summary>410 once for a stream dropped because its model version went; 404 otherwise, saying it expired when it did.</summary>
    private static ProblemHttpResult Gone(string id, StreamEviction? eviction) => eviction is { Reason: EvictionReason.ModelUnloaded }
        ? ModelUnloaded(id, eviction.Model, eviction.Version)
        : NotFound(id, eviction);

    private static ProblemHttpResult NotFound(string id, StreamEviction? eviction) => NotFound(
        id,
        eviction is { Reason: EvictionReason.Idle }
            ? $"Stream '{Clip(id)}' was dropped at {Core.Time.Timestamps.Format(eviction.At)} after going without a call for the idle timeout; stream state is held in memory only. Re-warm it with POST /v1/streams."
            : $"There is no stream '{Clip(id)}' here. Stream state is held in memory only: a stream is lost when the service restarts, when it is idle for longer than the idle timeout, or when it is deleted. Re-warm it with POST /v1/streams.");

    private static ProblemHttpResult NotFound(string id, string detail) => Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Unknown stream", detail);

    /// <summary>400 for a path id no stream can have: the client sent something it was never given in <c>Location</c>.</summary>
    private static ProblemHttpResult InvalidId() => Problems.WithErrors(
        StatusCodes.Status400BadRequest,
        ProblemTypes.InvalidRequest,
        "Invalid stream id",
        "No stream can have this id; use the Location that POST /v1/streams answered.",
        new Dictionary<string, string[]>(StringComparer.Ordinal) { ["id"] = [StreamIds.Rule] });

    private static ProblemHttpResult ModelUnloaded(ForecastStream stream) => ModelUnloaded(stream.Id, stream.Model.Signature.Name, stream.Model.Signature.Version);

    private static ProblemHttpResult ModelUnloaded(string id, string model, int version) => Problems.Create(
        StatusCodes.Status410Gone,
        ProblemTypes.StreamModelUnloaded,
        "Stream's model was unloaded",
        $"Stream '{Clip(id)}' {Unloaded(model, version)}");

    private static string Unloaded(string model, int version) =>
        $"was warmed on model '{model}' v{version}, which has since been replaced or removed, so its state no longer fits any loaded model. The stream was dropped; re-warm it with POST /v1/streams.";

    private ProblemHttpResult Full(HttpContext context)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(store.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(
            StatusCodes.Status503ServiceUnavailable,
            ProblemTypes.StreamsFull,
            "Too many streams",
            $"This replica holds its maximum of {store.Options.MaxStreams} streams (Streaming:MaxStreams). Idle streams are dropped after {store.Options.IdleTimeout}; retry after {seconds} s, or delete streams you no longer need.");
    }

    private ProblemHttpResult RunFailed(HttpContext context, ModelSignature signature, OnnxRuntimeException ex) =>
        ModelCallProblems.RunFailed(context, logger, signature, $"the step model of '{signature.Name}' v{signature.Version}", ex);

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors, string what) => TypedResults.ValidationProblem(
        errors,
        detail: $"{what}; each entry in errors names a field and how to fix it.",
        title: "Invalid stream request",
        type: ProblemTypes.InvalidRequest);

    private static SeriesForecast Shape(ModelSignature signature, SeriesWindow window, ForecastOutput output) =>
        ForecastShaper.Shape(new ForecastPlan(signature.Horizon, signature.Levels, [window]), signature, output)[0];

    private StreamResponse View(ForecastStream stream) => new(
        stream.Id,
        stream.Model.Signature.Name,
        stream.Model.Signature.Version,
        stream.Step.ExecutionProvider,
        Core.Time.Timestamps.Format(stream.LastTimestamp),
        stream.Points,
        stream.Scale.Mean,
        stream.Scale.Spread,
        stream.LastActivity + store.Options.IdleTimeout,
        stream.Forecast);

    /// <summary>The validator names fields of a forecast request's first series; a warm-up body has them at the top.</summary>
    private static string Rename(string field) =>
        field.StartsWith("series[0].", StringComparison.Ordinal) ? field["series[0].".Length..] : field is "series" or "series[0]" ? "$" : field;

    private static string Clip(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
