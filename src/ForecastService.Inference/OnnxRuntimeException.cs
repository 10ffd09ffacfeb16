namespace ForecastService.Inference;

/// <summary>An error reported by ONNX Runtime (or met while loading it), with ORT's error code.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException()
        : this(OnnxErrorCode.Fail, "ONNX Runtime failed.")
    {
    }

    public OnnxRuntimeException(string message)
        : this(OnnxErrorCode.Fail, message)
    {
    }

    public OnnxRuntimeException(string message, Exception innerException)
        : this(OnnxErrorCode.Fail, message, innerException)
    {
    }

    public OnnxRuntimeException(OnnxErrorCode errorCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    public OnnxRuntimeException(OnnxErrorCode errorCode, string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>ORT's <c>OrtErrorCode</c> for the failure.</summary>
    public OnnxErrorCode ErrorCode { get; }
}
