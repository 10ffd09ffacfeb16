namespace ForecastService.Api.Models;

/// <summary>A request's hold on a loaded model; dispose it when the request no longer needs the model.</summary>
internal readonly struct ModelLease(LoadedModel model) : IDisposable
{
    public LoadedModel Model { get; } = model;

    public void Dispose() => Model.Release();
}
