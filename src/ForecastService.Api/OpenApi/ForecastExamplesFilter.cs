using ForecastService.Api.Models;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ForecastService.Api.OpenApi;

/// <summary>
/// Adds one ready request per serving model to the forecast operations (its <c>example.json</c>, else one made from
/// its card), keyed by model name on both the body and the <c>name</c> parameter, so Swagger UI's "Try it out" works
/// as-is. Read from the live catalog on every document request, so a hot-reloaded model shows up at once.
/// </summary>
internal sealed class ForecastExamplesFilter(ModelRepository repository) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var route = context.ApiDescription.RelativePath ?? string.Empty;
        if (!route.EndsWith("/forecast", StringComparison.Ordinal))
        {
            return;
        }

        var media = OperationExamples.JsonBody(operation);

        foreach (var entry in repository.Catalog.Models)
        {
            if (entry.Serving is not { ExampleJson: { } json } model)
            {
                continue;
            }

            var summary = $"{entry.Name} v{model.Signature.Version} ({model.Card.Domain}, {model.Signature.Frequency}, lookback {model.Signature.Lookback})";
            OperationExamples.Add(operation, media, entry.Name, model.Signature.Version, summary, model.Card.Description, json);
        }
    }
}
