using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace ForecastService.Api.OpenApi;

/// <summary>
/// Puts one model's example on an operation under the model's name: the JSON body, and the <c>name</c> and
/// <c>version</c> route values, so picking it in Swagger UI fills in the whole request.
/// </summary>
internal static class OperationExamples
{
    /// <summary>The operation's JSON request body, where examples go; null when it has none.</summary>
    public static OpenApiMediaType? JsonBody(OpenApiOperation operation) =>
        operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var found) ? found as OpenApiMediaType : null;

    public static void Add(OpenApiOperation operation, OpenApiMediaType? body, string model, int version, string summary, string? description, string json)
    {
        if (body is not null)
        {
            body.Examples ??= new Dictionary<string, IOpenApiExample>();
            body.Examples[model] = new OpenApiExample { Summary = summary, Description = description, Value = JsonNode.Parse(json) };
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            parameter.Examples ??= new Dictionary<string, IOpenApiExample>();
            if (parameter.Name == "name")
            {
                parameter.Examples[model] = new OpenApiExample { Summary = summary, Value = JsonValue.Create(model) };
            }
            else if (parameter.Name == "version")
            {
                parameter.Examples[model] = new OpenApiExample { Summary = summary, Value = JsonValue.Create(version.ToString(CultureInfo.InvariantCulture)) };
            }
        }
    }
}
