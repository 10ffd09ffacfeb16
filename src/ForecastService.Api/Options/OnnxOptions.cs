using System.ComponentModel.DataAnnotations;
using ForecastService.Inference;

namespace ForecastService.Api.Options;

/// <summary>How ONNX Runtime runs the models (section <c>Onnx</c>).</summary>
public sealed class OnnxOptions
{
    public const string SectionName = "Onnx";

    /// <summary>Where to run: <c>auto</c> (CUDA when it loads, else CPU), <c>cpu</c> or <c>cuda</c> (fail when CUDA is missing).</summary>
    /// <value>auto, cpu or cuda (any case); default auto.</value>
    [Required(ErrorMessage = "Onnx:ExecutionProvider is required (auto, cpu or cuda).")]
    [RegularExpression("^(?i:auto|cpu|cuda)$", ErrorMessage = "Onnx:ExecutionProvider must be auto, cpu or cuda.")]
    public string ExecutionProvider { get; set; } = "auto";

    /// <summary>The CUDA device to run on.</summary>
    /// <value>0 to 63; default 0.</value>
    [Range(0, 63, ErrorMessage = "Onnx:DeviceId must be between 0 and 63.")]
    public int DeviceId { get; set; }

    /// <summary>Threads one model run may use; 0 lets ONNX Runtime pick (one per core).</summary>
    /// <value>0 to 256; default 1, because concurrent requests already use every core.</value>
    [Range(0, 256, ErrorMessage = "Onnx:IntraOpThreads must be between 0 and 256.")]
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Threads for running independent graph nodes in parallel; 0 lets ONNX Runtime pick.</summary>
    /// <value>0 to 256; default 1.</value>
    [Range(0, 256, ErrorMessage = "Onnx:InterOpThreads must be between 0 and 256.")]
    public int InterOpThreads { get; set; } = 1;

    internal ExecutionProviderPreference Preference => ExecutionProvider.ToUpperInvariant() switch
    {
        "CPU" => ExecutionProviderPreference.Cpu,
        "CUDA" => ExecutionProviderPreference.Cuda,
        _ => ExecutionProviderPreference.Auto,
    };

    internal OnnxSessionOptions ToSessionOptions() => new()
    {
        ExecutionProvider = Preference,
        CudaDeviceId = DeviceId,
        IntraOpThreads = IntraOpThreads,
        InterOpThreads = InterOpThreads,
    };
}
