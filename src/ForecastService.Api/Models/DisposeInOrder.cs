namespace ForecastService.Api.Models;

/// <summary>Disposes several resources in the given order, e.g. a batcher before the session it runs on.</summary>
internal sealed class DisposeInOrder(params IDisposable[] resources) : IDisposable
{
    public void Dispose()
    {
        foreach (var resource in resources)
        {
            resource.Dispose();
        }
    }
}
