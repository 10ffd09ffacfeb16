namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an <c>OrtTensorTypeAndShapeInfo</c>; as returned by <c>GetTensorTypeAndShape</c> for a value.</summary>
internal sealed unsafe class OrtTensorTypeAndShapeInfoHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}
