namespace ForecastService.OnnxWriting;

/// <summary>The subset of onnx.proto's <c>AttributeProto.AttributeType</c> the writer emits (values are the spec's).</summary>
public enum OnnxAttributeType
{
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Floats = 6,
    Ints = 7,
    Strings = 8,
}
