using System.Text.Json.Nodes;
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

        OpenApiMediaType? media = null;
        if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var found))
        {
            media = found as OpenApiMediaType;
        }

        foreach (var entry in repository.Catalog.Models)
        {
            if (entry.Serving is not { ExampleJson: { } json } model)
            {
                continue;
            }

            var summary = $"{entry.Name} v{model.Signature.Version} ({model.Card.Domain}, {model.Signature.Frequency}, lookback {model.Signature.Lookback})";
            if (media is not null)
            {
                media.Examples ??= new Dictionary<string, IOpenApiExample>();
                media.Examples[entry.Name] = new OpenApiExample { Summary = summary, Description = model.Card.Description, Value = JsonNode.Parse(json) };
            }

            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                parameter.Examples ??= new Dictionary<string, IOpenApiExample>();
                if (parameter.Name == "name")
                {
                    parameter.Examples[entry.Name] = new OpenApiExample { Summary = summary, Value = JsonValue.Create(entry.Name) };
                }
                else if (parameter.Name == "version")
                {
                    parameter.Examples[entry.Name] = new OpenApiExample { Summary = summary, Value = JsonValue.Create(model.Signature.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
                }
            }
        }
    }
}
