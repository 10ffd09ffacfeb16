namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an <c>OrtMemoryInfo</c>; describes where caller buffers live (CPU).</summary>
internal sealed unsafe class OrtMemoryInfoHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseMemoryInfo(handle);
        return true;
    }
}
