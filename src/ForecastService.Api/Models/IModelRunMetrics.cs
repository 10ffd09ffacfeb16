using ForecastService.Core.Forecasting;

namespace ForecastService.Api.Models;

/// <summary>
/// What loading a model needs of the service's metrics: for each model version, where to report its runs and queue
/// waits. Metrics implements it, so Models does not depend on Metrics.
/// </summary>
internal interface IModelRunMetrics
{
    /// <summary>The recorders of one loaded model version, its labels fixed once.</summary>
    ModelRunRecorders ForModel(ModelSignature signature, string executionProvider);
}

/// <summary>Called on batcher worker threads.</summary>
/// <param name="Run">One ONNX Runtime run: its windows and its time.</param>
/// <param name="QueueWait">How long a call's windows waited in the batch queue.</param>
internal sealed record ModelRunRecorders(Action<int, TimeSpan> Run, Action<TimeSpan> QueueWait);
