namespace ForecastService.Inference;

/// <summary>Which execution provider a session should run on.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>ORT's CPU provider.</summary>
    Cpu = 0,

    /// <summary>CUDA, or fail with an <see cref="OnnxRuntimeException"/> that says why it cannot be used.</summary>
    Cuda = 1,

    /// <summary>CUDA when it can be used, otherwise CPU; the reason is in <see cref="OnnxSession.ExecutionProviderFallbackReason"/>.</summary>
    Auto = 2,
}
