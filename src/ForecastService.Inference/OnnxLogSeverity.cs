namespace ForecastService.Inference;

/// <summary>ONNX Runtime's <c>OrtLoggingLevel</c>; the values are ORT's.</summary>
public enum OnnxLogSeverity
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}
