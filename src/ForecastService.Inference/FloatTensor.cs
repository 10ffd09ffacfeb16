namespace ForecastService.Inference;

/// <summary>A managed copy of a float tensor returned by ORT.</summary>
/// <param name="Data">Row-major elements.</param>
/// <param name="Shape">Dimensions.</param>
public sealed record FloatTensor(float[] Data, long[] Shape);
