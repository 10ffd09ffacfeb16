namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an opaque <c>OrtCUDAProviderOptionsV2</c>; applied to session options, then no longer needed.</summary>
internal sealed unsafe class OrtCudaProviderOptionsHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseCudaProviderOptions(handle);
        return true;
    }
}
