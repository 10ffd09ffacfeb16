namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an <c>OrtValue</c>; a tensor; when it wraps caller memory, that memory must stay pinned until this handle is released.</summary>
internal sealed unsafe class OrtValueHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseValue(handle);
        return true;
    }
}
