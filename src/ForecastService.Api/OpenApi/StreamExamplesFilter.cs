using System.Text.Json.Nodes;
using ForecastService.Api.Models;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ForecastService.Api.OpenApi;

/// <summary>
/// Ready examples for the stream operations from each streaming model's <c>history.json</c>: warm on its first
/// lookback points, then send the next few as observations, under one stream id per model, so Swagger UI's
/// "Try it out" walks through a real stream. Models without a history get no example. Read from the live catalog.
/// </summary>
internal sealed class StreamExamplesFilter(ModelRepository repository) : IOperationFilter
{
    /// <summary>Points of the observations example: a few, to show a call is not one point only.</summary>
    public const int ObservationPoints = 3;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var route = context.ApiDescription.RelativePath ?? string.Empty;
        if (!route.StartsWith("v1/streams", StringComparison.Ordinal))
        {
            return;
        }

        var warm = route.TrimEnd('/') == "v1/streams";
        var observe = route.EndsWith("/observations", StringComparison.Ordinal);
        var media = OperationExamples.JsonBody(operation);

        foreach (var entry in repository.Catalog.Models)
        {
            if (entry.Serving is not { Step: not null, History: { } history } model)
            {
                continue;
            }

            var lookback = model.Signature.Lookback;
            var id = StreamId(entry.Name, history.Id);
            var summary = $"{entry.Name} v{model.Signature.Version}: {history.Id} ({model.Signature.Frequency}, lookback {lookback})";
            if (media is not null && (warm || observe))
            {
                var (from, count) = warm ? (0, lookback) : (lookback, Math.Min(ObservationPoints, history.Values.Length - lookback));
                var body = new JsonObject();
                if (warm)
                {
                    body["model"] = entry.Name;
                    body["version"] = null;
                    body["id"] = id;
                }

                body["timestamps"] = new JsonArray([.. history.Timestamps.Skip(from).Take(count).Select(t => (JsonNode?)JsonValue.Create(t))]);
                body["values"] = new JsonArray([.. history.Values.Skip(from).Take(count).Select(v => (JsonNode?)JsonValue.Create(v))]);
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                media.Examples[entry.Name] = new OpenApiExample
                {
                    Summary = summary,
                    Description = warm
                        ? $"Warms stream '{id}' on the first {lookback} points of a held-out {entry.Name} series."
                        : $"The {count} points after the warm-up example of stream '{id}'; send them after warming it.",
                    Value = body,
                };
            }

            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.Name == "id")
                {
                    parameter.Examples ??= new Dictionary<string, IOpenApiExample>();
                    parameter.Examples[entry.Name] = new OpenApiExample { Summary = summary, Value = JsonValue.Create(id) };
                }
            }
        }
    }

    /// <summary>One stream id per model, so trying two models' examples does not replace one stream with the other.</summary>
    internal static string StreamId(string model, string series)
    {
        var id = $"{model}-{series}";
        return id.Length <= 200 ? id : id[..200];
    }
}
