namespace ForecastService.Inference;

/// <summary>ONNX Runtime's <c>GraphOptimizationLevel</c>; the values are ORT's.</summary>
public enum GraphOptimizationLevel
{
    /// <summary>No graph optimizations.</summary>
    None = 0,

    /// <summary>Semantics-preserving rewrites such as constant folding.</summary>
    Basic = 1,

    /// <summary>Basic plus node fusions.</summary>
    Extended = 2,

    /// <summary>Everything, including layout optimizations.</summary>
    All = 99,
}
