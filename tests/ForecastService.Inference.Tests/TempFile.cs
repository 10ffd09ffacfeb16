namespace ForecastService.Inference.Tests;

/// <summary>A file under the temp directory, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string extension = ".onnx")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fs-onnx-{Guid.NewGuid():N}{extension}");
    }

    public string Path { get; }

    public static TempFile WithBytes(ReadOnlySpan<byte> bytes)
    {
        var file = new TempFile();
        File.WriteAllBytes(file.Path, bytes.ToArray());
        return file;
    }

    public void Dispose() => File.Delete(Path);
}
