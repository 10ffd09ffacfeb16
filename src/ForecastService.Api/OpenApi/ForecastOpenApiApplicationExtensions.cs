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
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "ForecastService v1");
            options.DocumentTitle = "ForecastService";
        });
        app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }
}
