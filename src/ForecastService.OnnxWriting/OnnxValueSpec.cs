namespace ForecastService.OnnxWriting;

/// <summary>A graph input or output: name, element type and shape.</summary>
internal sealed record OnnxValueSpec(string Name, TensorElementType ElementType, OnnxDim[] Shape)
{
    /// <summary>
    /// Encodes a ValueInfoProto (name=1, type=2) holding TypeProto.tensor_type=1 → Tensor (elem_type=1, shape=2) →
    /// TensorShapeProto.dim=1 → Dimension (dim_value=1 | dim_param=2). The shape is always written, even when empty,
    /// because an absent shape means "unknown rank" while an empty one means a scalar.
    /// </summary>
    public ProtoWriter Encode()
    {
        var shape = new ProtoWriter();
        foreach (var dim in Shape)
        {
            var dimension = new ProtoWriter(16);
            if (dim.Value is { } value)
            {
                dimension.WriteInt64(1, value);
            }
            else if (dim.Name is { } param)
            {
                dimension.WriteString(2, param);
            }

            shape.WriteMessage(1, dimension);
        }

        var tensorType = new ProtoWriter();
        tensorType.WriteInt64(1, (int)ElementType);
        tensorType.WriteMessage(2, shape);

        var type = new ProtoWriter();
        type.WriteMessage(1, tensorType);

        var valueInfo = new ProtoWriter();
        valueInfo.WriteString(1, Name);
        valueInfo.WriteMessage(2, type);
        return valueInfo;
    }
}
