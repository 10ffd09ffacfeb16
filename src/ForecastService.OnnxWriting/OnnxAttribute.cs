namespace ForecastService.OnnxWriting;

/// <summary>A node attribute (e.g. <c>hidden_size</c> of LSTM, <c>perm</c> of Transpose). Create with the static factories.</summary>
public sealed class OnnxAttribute
{
    private readonly long _int;
    private readonly float _float;
    private readonly string? _string;
    private readonly long[]? _ints;
    private readonly float[]? _floats;
    private readonly string[]? _strings;
    private readonly OnnxTensorData? _tensor;

    private OnnxAttribute(
        string name,
        OnnxAttributeType type,
        long intValue = 0,
        float floatValue = 0,
        string? stringValue = null,
        long[]? ints = null,
        float[]? floats = null,
        string[]? strings = null,
        OnnxTensorData? tensor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
        _int = intValue;
        _float = floatValue;
        _string = stringValue;
        _ints = ints;
        _floats = floats;
        _strings = strings;
        _tensor = tensor;
    }

    public string Name { get; }

    public OnnxAttributeType Type { get; }

    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeType.Int, intValue: value);

    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeType.Float, floatValue: value);

    public static OnnxAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, OnnxAttributeType.String, stringValue: value);
    }

    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(name, OnnxAttributeType.Ints, ints: (long[])values.Clone());
    }

    public static OnnxAttribute Floats(string name, params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(name, OnnxAttributeType.Floats, floats: (float[])values.Clone());
    }

    public static OnnxAttribute Strings(string name, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
        }

        return new(name, OnnxAttributeType.Strings, strings: (string[])values.Clone());
    }

    /// <summary>A float tensor attribute, e.g. the <c>value</c> of a Constant node.</summary>
    public static OnnxAttribute Tensor(string name, ReadOnlySpan<float> values, params long[] shape) =>
        new(name, OnnxAttributeType.Tensor, tensor: OnnxTensorData.Create(string.Empty, TensorElementType.Float, values, shape));

    /// <summary>An int64 tensor attribute, e.g. the <c>value</c> of a Constant node holding a shape or axes.</summary>
    public static OnnxAttribute Tensor(string name, ReadOnlySpan<long> values, params long[] shape) =>
        new(name, OnnxAttributeType.Tensor, tensor: OnnxTensorData.Create(string.Empty, TensorElementType.Int64, values, shape));

    /// <summary>An int32 tensor attribute.</summary>
    public static OnnxAttribute Tensor(string name, ReadOnlySpan<int> values, params long[] shape) =>
        new(name, OnnxAttributeType.Tensor, tensor: OnnxTensorData.Create(string.Empty, TensorElementType.Int32, values, shape));

    /// <summary>
    /// Encodes an AttributeProto (onnx.proto: name=1, f=2, i=3, s=4, t=5, floats=7, ints=8, strings=9, type=20).
    /// Repeated scalars are written unpacked, as the proto2 declarations in onnx.proto do.
    /// </summary>
    internal ProtoWriter Encode()
    {
        var writer = new ProtoWriter();
        writer.WriteString(1, Name);
        switch (Type)
        {
            case OnnxAttributeType.Float:
                writer.WriteFloat(2, _float);
                break;
            case OnnxAttributeType.Int:
                writer.WriteInt64(3, _int);
                break;
            case OnnxAttributeType.String:
                writer.WriteString(4, _string!);
                break;
            case OnnxAttributeType.Tensor:
                writer.WriteMessage(5, _tensor!.Encode());
                break;
            case OnnxAttributeType.Floats:
                foreach (var value in _floats!)
                {
                    writer.WriteFloat(7, value);
                }

                break;
            case OnnxAttributeType.Ints:
                foreach (var value in _ints!)
                {
                    writer.WriteInt64(8, value);
                }

                break;
            case OnnxAttributeType.Strings:
                foreach (var value in _strings!)
                {
                    writer.WriteString(9, value);
                }

                break;
            default:
                throw new InvalidOperationException($"Unsupported attribute type {Type}.");
        }

        writer.WriteInt64(20, (int)Type);
        return writer;
    }
}
