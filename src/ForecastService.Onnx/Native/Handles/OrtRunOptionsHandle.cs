namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an <c>OrtRunOptions</c>; one per concurrent Run, so that cancelling one call cannot stop another.</summary>
internal sealed unsafe class OrtRunOptionsHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseRunOptions(handle);
        return true;
    }
}
