namespace ForecastService.Inference;

/// <summary>One line of ONNX Runtime's log.</summary>
public sealed class OnnxLogEventArgs(
    OnnxLogSeverity severity,
    string category,
    string logId,
    string codeLocation,
    string message) : EventArgs
{
    public OnnxLogSeverity Severity { get; } = severity;

    /// <summary>ORT's category, e.g. "onnxruntime".</summary>
    public string Category { get; } = category;

    /// <summary>The env or session log id the line belongs to.</summary>
    public string LogId { get; } = logId;

    /// <summary>Source location inside ORT, e.g. "provider_bridge_ort.cc:2146 Create".</summary>
    public string CodeLocation { get; } = codeLocation;

    public string Message { get; } = message;

    public override string ToString() => $"[{Severity}] {Category} {CodeLocation}: {Message}";
}
