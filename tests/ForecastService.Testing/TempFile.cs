namespace ForecastService.Testing;

/// <summary>A file path under the temp directory, deleted on dispose.</summary>
public sealed class TempFile : IDisposable
{
    public TempFile(string extension = ".onnx")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"forecastservice-{Guid.NewGuid():N}{extension}");
    }

    public string Path { get; }

    public static TempFile WithBytes(ReadOnlySpan<byte> bytes, string extension = ".onnx")
    {
        var file = new TempFile(extension);
        File.WriteAllBytes(file.Path, bytes.ToArray());
        return file;
    }

    public void Dispose() => File.Delete(Path);
}
