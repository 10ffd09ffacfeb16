using System.Runtime.InteropServices;

namespace ForecastService.OnnxWriting;

/// <summary>A dense tensor constant (an initializer or a tensor attribute), stored as ONNX's little-endian raw_data.</summary>
internal sealed class OnnxTensorData
{
    private OnnxTensorData(string name, TensorElementType elementType, long[] shape, byte[] rawData)
    {
        Name = name;
        ElementType = elementType;
        Shape = shape;
        RawData = rawData;
    }

    public string Name { get; }

    public TensorElementType ElementType { get; }

    public long[] Shape { get; }

    public byte[] RawData { get; }

    public static OnnxTensorData Create<T>(string name, TensorElementType elementType, ReadOnlySpan<T> values, long[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        long expected = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Tensor '{name}' has a negative dimension in shape [{string.Join(", ", shape)}].", nameof(shape));
            }

            expected = checked(expected * dim);
        }

        if (values.Length != expected)
        {
            throw new ArgumentException(
                $"Tensor '{name}' has {values.Length} values but shape [{string.Join(", ", shape)}] needs {expected}.",
                nameof(values));
        }

        // raw_data must be little-endian; every platform .NET 10 runs ONNX Runtime on is, so a copy of the bytes suffices.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The ONNX writer needs a little-endian platform.");
        }

        return new OnnxTensorData(name, elementType, (long[])shape.Clone(), MemoryMarshal.AsBytes(values).ToArray());
    }

    /// <summary>Encodes a TensorProto (onnx.proto: dims=1, data_type=2, name=8, raw_data=9).</summary>
    public ProtoWriter Encode()
    {
        var writer = new ProtoWriter(RawData.Length + 64);
        foreach (var dim in Shape)
        {
            writer.WriteInt64(1, dim);
        }

        writer.WriteInt64(2, (int)ElementType);
        if (Name.Length > 0)
        {
            writer.WriteString(8, Name);
        }

        writer.WriteBytes(9, RawData);
        return writer;
    }
}
