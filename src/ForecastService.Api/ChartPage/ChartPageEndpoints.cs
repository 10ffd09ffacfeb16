using ForecastService.Api.ChartPage;
using ForecastService.Api.Errors;
using ForecastService.Api.Models;
using ForecastService.Core.Forecasting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The chart page at <c>/ui/</c> (its HTML, script and styles are embedded in this assembly by the build, see
/// eng/ChartPage.targets) and the read-only <c>GET /v1/models/{name}/example-history</c> it loads examples from.
/// </summary>
public static class ChartPageEndpoints
{
    /// <summary>The path the page is served under.</summary>
    public static readonly PathString PagePath = "/ui";

    // The build embeds the page's files under this prefix (LogicalName in eng/ChartPage.targets).
    private const string ResourcePrefix = "ForecastService.Api.ChartPage.wwwroot";

    public static WebApplication MapChartPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new EmbeddedFileProvider(typeof(ChartPageEndpoints).Assembly, ResourcePrefix);

        // /ui redirects to /ui/ (keeping the gateway's path base), so the page's relative URLs resolve under it.
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = PagePath, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = PagePath, FileProvider = files });

        app.MapGet("/v1/models/{name}/example-history", GetExampleHistory)
            .WithName("GetExampleHistory")
            .WithTags("Models")
            .WithSummary("A history to try the model with: its history.json, else its example request; send it to forecast as-is")
            .Produces<ForecastRequest>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The model's shipped history (a forecast request body), for the chart page and for trying the API.</summary>
    /// <param name="name">The model's name, e.g. <c>energy-load</c>.</param>
    /// <param name="repository">The model repository.</param>
    private static Results<ContentHttpResult, ProblemHttpResult> GetExampleHistory(string name, ModelRepository repository)
    {
        // The lookup validates the name against the catalog; the history was read when that model loaded.
        var lookup = ModelLookup.Find(repository.Catalog, name, null);
        return lookup.Model is { } model
            ? TypedResults.Text(ExampleHistory.Find(model), "application/json")
            : Problems.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Unknown model", lookup.Detail);
    }
}
