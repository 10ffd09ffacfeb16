namespace ForecastService.Onnx.Native;

/// <summary>Where a model comes from: a file path or bytes in memory (only for the duration of session creation).</summary>
internal readonly ref struct ModelSource
{
    private ModelSource(string? path, ReadOnlySpan<byte> bytes)
    {
        Path = path;
        Bytes = bytes;
    }

    public string? Path { get; }

    public ReadOnlySpan<byte> Bytes { get; }

    public static ModelSource FromPath(string path) => new(path, default);

    public static ModelSource FromBytes(ReadOnlySpan<byte> bytes) => new(null, bytes);

    public override string ToString() => Path is null ? $"<{Bytes.Length} bytes in memory>" : $"'{Path}'";
}
