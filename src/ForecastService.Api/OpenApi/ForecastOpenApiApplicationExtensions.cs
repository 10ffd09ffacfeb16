namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>; <c>/</c> redirects there.</summary>
public static class ForecastOpenApiApplicationExtensions
{
    public static WebApplication MapForecastOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            // Relative, so the UI finds the document under a gateway's path prefix too (/forecast/swagger).
            options.SwaggerEndpoint("v1/swagger.json", "ForecastService v1");
            options.DocumentTitle = "ForecastService";
        });
        app.MapGet("/", (HttpRequest request) => Results.Redirect($"{request.PathBase}/swagger")).ExcludeFromDescription();
        return app;
    }
}
