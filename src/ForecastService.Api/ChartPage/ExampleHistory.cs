using System.Globalization;
using System.Text.Json;
using ForecastService.Api.Json;
using ForecastService.Api.Models;
using ForecastService.Core.Models;

namespace ForecastService.Api.ChartPage;

/// <summary>
/// Finds the history a model ships for people to try it with: the serving version's <c>history.json</c> (a held-out
/// stretch longer than one window, so a chart has something to show before the forecast and anomalies have points to
/// check), else the request body the model was loaded with (its <c>example.json</c> or one made from its card).
/// </summary>
/// <remarks>
/// The folder is built from the catalog's own name and version, never from the route value, so a request cannot
/// point the read anywhere but a loaded model's folder.
/// </remarks>
internal static class ExampleHistory
{
    // history.json is lookback + 5 horizons of one series (tens of KiB); anything far larger is not one of ours.
    private const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>The JSON body (a forecast request's shape) for a loaded model version of the repository's.</summary>
    public static string Find(string repositoryRoot, LoadedModel model)
    {
        var signature = model.Signature;
        var path = Path.Combine(repositoryRoot, signature.Name, signature.Version.ToString(CultureInfo.InvariantCulture), ModelContract.HistoryFileName);
        return ReadHistory(path) ?? model.ExampleJson ?? "{\"series\":[]}";
    }

    private static string? ReadHistory(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.Length > MaxBytes)
            {
                return null;
            }

            var json = File.ReadAllText(path);

            // Only a body the page can send back as-is; a half-written or foreign file falls back to the example.
            var request = JsonSerializer.Deserialize(json, ForecastJsonContext.Default.ForecastRequest);
            return request?.Series is { Length: > 0 } ? json : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
