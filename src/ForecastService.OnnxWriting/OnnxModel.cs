namespace ForecastService.OnnxWriting;

/// <summary>A serialized ONNX model (a ModelProto), as produced by <see cref="OnnxGraphBuilder.Build"/>.</summary>
public sealed class OnnxModel
{
    private readonly byte[] _bytes;

    internal OnnxModel(byte[] bytes)
    {
        _bytes = bytes;
    }

    /// <summary>The encoded size in bytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>The encoded model, without copying; valid for the lifetime of this object.</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>A copy of the encoded model.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Writes the model to <paramref name="path"/>, replacing any existing file.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, _bytes);
    }

    /// <summary>Writes the model to <paramref name="stream"/> at its current position; the stream stays open.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(_bytes);
    }
}
