using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Inference;

namespace ForecastService.Api.Models;

/// <summary>
/// One loaded model version: its card, its signature and the <see cref="IForecaster"/> that runs its batches.
/// Requests hold a lease while they use it; once the repository retires it (replaced or removed), its session is
/// disposed when the last lease is released, so a reload never tears a session away mid-request.
/// </summary>
internal sealed class LoadedModel
{
    private readonly IDisposable _resources;
    private readonly Action<LoadedModel> _onDisposed;
    private readonly Lock _gate = new();
    private int _leases;
    private bool _retired;
    private bool _disposed;

    public LoadedModel(ModelCard card, ModelSignature signature, IForecaster forecaster, string? exampleJson, IDisposable resources, Action<LoadedModel> onDisposed)
    {
        Card = card;
        Signature = signature;
        Forecaster = forecaster;
        ExampleJson = exampleJson;
        _resources = resources;
        _onDisposed = onDisposed;
    }

    public ModelCard Card { get; }

    public ModelSignature Signature { get; }

    /// <summary>What runs the batches. A dynamic batcher wraps the ONNX forecaster here; endpoints never see the difference.</summary>
    public IForecaster Forecaster { get; }

    /// <summary>A ready request body for this model (its <c>example.json</c>, or one made from the card).</summary>
    public string? ExampleJson { get; }

    /// <summary>The step model that serves streams, or null when the model does not support streaming.</summary>
    public StepModelRunner? Step { get; init; }

    /// <summary>A held-out stretch of one series (<c>history.json</c>), or null when the model ships none.</summary>
    public ModelHistory? History { get; init; }

    /// <summary>True once the repository replaced or removed this version; holders of a lease may finish, nobody starts.</summary>
    public bool IsRetired
    {
        get
        {
            lock (_gate)
            {
                return _retired;
            }
        }
    }

    public bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposed;
            }
        }
    }

    /// <summary>Takes a lease, or returns false when the model is retired and the caller must look it up again.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            _leases++;
            return true;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _leases--;
            if (!_retired || _leases > 0 || _disposed)
            {
                return;
            }

            _disposed = true;
        }

        DisposeCore();
    }

    /// <summary>No new leases; the session goes as soon as the current ones are released (now, when there are none).</summary>
    public void Retire()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return;
            }

            _retired = true;
            if (_leases > 0)
            {
                return;
            }

            _disposed = true;
        }

        DisposeCore();
    }

    private void DisposeCore()
    {
        _resources.Dispose();
        _onDisposed(this);
    }
}
