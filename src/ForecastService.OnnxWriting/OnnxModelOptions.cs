namespace ForecastService.OnnxWriting;

/// <summary>Model-level fields of the written ONNX file.</summary>
public sealed record OnnxModelOptions
{
    /// <summary>The default-domain ("ai.onnx") opset the nodes bind to. <value>Default 17; range 7–23.</value></summary>
    public int OpsetVersion { get; init; } = 17;

    /// <summary>
    /// The ONNX IR version. <value>Default 8 (the IR that opset 17 shipped with); range 7–10.</value>
    /// Higher IR versions need a newer ONNX Runtime to load.
    /// </summary>
    public long IrVersion { get; init; } = 8;

    /// <summary>Other operator sets to import, by domain (e.g. "com.microsoft"). <value>Default none.</value></summary>
    public IReadOnlyDictionary<string, int> AdditionalOpsets { get; init; } = new Dictionary<string, int>();

    public string ProducerName { get; init; } = "ForecastService";

    public string? ProducerVersion { get; init; }

    /// <summary>The model's domain (reverse-DNS name space), written only when set.</summary>
    public string? Domain { get; init; }

    /// <summary>The model's version number, written only when set.</summary>
    public long? ModelVersion { get; init; }

    public string? DocString { get; init; }

    /// <summary>Written as <c>metadata_props</c>; ONNX Runtime exposes them as the model's custom metadata map.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
