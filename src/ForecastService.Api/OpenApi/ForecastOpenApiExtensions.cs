using ForecastService.Api.OpenApi;
using Microsoft.OpenApi;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The OpenAPI document (Swashbuckle) with XML docs and one ready example per model.</summary>
public static class ForecastOpenApiExtensions
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddForecastOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ForecastService",
                Version = DocumentName,
                Description = "Neural time-series forecasts with prediction intervals. Pick a model, pick its example, and send it. " +
                    "Every error is an RFC 9457 problem (application/problem+json) whose `errors` name the field and how to fix it.",
            });
            foreach (var assembly in new[] { typeof(ForecastOpenApiExtensions).Assembly, typeof(ForecastService.Core.Forecasting.ForecastRequest).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
                if (File.Exists(xml))
                {
                    options.IncludeXmlComments(xml);
                }
            }

            // Forecast columns are slices of the model's output (ReadOnlyMemory<float>); on the wire they are arrays of numbers.
            options.MapType<ReadOnlyMemory<float>>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "float" },
            });
            options.OperationFilter<ForecastExamplesFilter>();
            options.OperationFilter<AnalysisExamplesFilter>();
            options.OperationFilter<StreamExamplesFilter>();
        });
        return services;
    }
}
