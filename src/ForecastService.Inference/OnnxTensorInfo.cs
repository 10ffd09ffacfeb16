using Microsoft.ML.OnnxRuntime.Tensors;

namespace ForecastService.Inference;

/// <summary>A model input or output as ORT reports it.</summary>
/// <param name="Name">The input or output name.</param>
/// <param name="ElementType">ORT's element type; 0 (undefined) for non-tensor values.</param>
/// <param name="Shape">Dimensions; -1 where the model leaves an axis dynamic.</param>
/// <param name="SymbolicDimensions">Per axis, the symbolic name (e.g. "batch") or <see langword="null"/>.</param>
public sealed record OnnxTensorInfo(string Name, TensorElementType ElementType, long[] Shape, string?[] SymbolicDimensions)
{
    public override string ToString() =>
        $"{Name}: {ElementType}[{string.Join(", ", Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : SymbolicDimensions[i] ?? "?"))}]";
}
