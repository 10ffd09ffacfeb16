namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an <c>OrtSession</c>; released only after every in-flight Run has returned (callers add a reference around each call).</summary>
internal sealed unsafe class OrtSessionHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseSession(handle);
        return true;
    }
}
