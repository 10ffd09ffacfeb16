namespace ForecastService.Inference;

/// <summary>
/// A float tensor passed to or filled by <see cref="OnnxSession.Run(ReadOnlySpan{NamedTensor}, ReadOnlySpan{NamedTensor}, CancellationToken)"/>:
/// a model input or output name, the caller's buffer (row-major) and its shape. The buffer is pinned for the
/// duration of the call only and is never copied.
/// </summary>
public readonly struct NamedTensor
{
    /// <param name="name">Model input or output name.</param>
    /// <param name="data">Row-major elements; its length must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">Dimensions, one per model axis, all known (no -1).</param>
    public NamedTensor(string name, Memory<float> data, long[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        Data = data;
        Shape = shape;
    }

    public string Name { get; }

    public Memory<float> Data { get; }

    public long[] Shape { get; }

    public override string ToString() => $"{Name} [{string.Join(", ", Shape ?? [])}]";
}
