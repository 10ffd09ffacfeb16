using ForecastService.Api.Models;

namespace ForecastService.Api.ChartPage;

/// <summary>
/// The history a model ships for people to try it with: the serving version's <c>history.json</c> (a held-out stretch
/// longer than one window, so a chart has something to show before the forecast and anomalies have points to check),
/// else the request body the model was loaded with (its <c>example.json</c> or one made from its card).
/// </summary>
/// <remarks>Both were read when the version loaded; a request never reaches the file system.</remarks>
internal static class ExampleHistory
{
    /// <summary>The JSON body (a forecast request's shape) for a loaded model version.</summary>
    public static string Find(LoadedModel model) => model.History?.Json ?? model.ExampleJson ?? "{\"series\":[]}";
}
