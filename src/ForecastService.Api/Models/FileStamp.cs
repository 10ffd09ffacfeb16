using ForecastService.Core.Models;

namespace ForecastService.Api.Models;

/// <summary>Sizes and last-write times of a version's files: cheap to read on every poll, and changes when a file is replaced.</summary>
internal readonly record struct FileStamp(long OnnxLength, DateTime OnnxWritten, long CardLength, DateTime CardWritten, long ExampleLength, DateTime ExampleWritten)
{
    public static FileStamp Read(string directory)
    {
        var onnx = new FileInfo(Path.Combine(directory, ModelContract.OnnxFileName));
        var card = new FileInfo(Path.Combine(directory, ModelContract.CardFileName));
        var example = new FileInfo(Path.Combine(directory, ModelLoader.ExampleFileName));
        return new FileStamp(
            onnx.Exists ? onnx.Length : -1,
            onnx.Exists ? onnx.LastWriteTimeUtc : default,
            card.Exists ? card.Length : -1,
            card.Exists ? card.LastWriteTimeUtc : default,
            example.Exists ? example.Length : -1,
            example.Exists ? example.LastWriteTimeUtc : default);
    }
}
