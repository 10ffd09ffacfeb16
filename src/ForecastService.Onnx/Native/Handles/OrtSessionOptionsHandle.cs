namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an <c>OrtSessionOptions</c>; only needed while a session is being created.</summary>
internal sealed unsafe class OrtSessionOptionsHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseSessionOptions(handle);
        return true;
    }
}
