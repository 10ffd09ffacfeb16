namespace ForecastService.Inference.Batching;

/// <summary>Windows [<paramref name="Offset"/>, Offset + Count) of one call: the unit a worker puts into a batch. Never more than the batch size.</summary>
internal readonly record struct BatchChunk(PendingForecast Request, int Offset, int Count);
