namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an <c>OrtTypeInfo</c>; the tensor info cast from it is owned by it and must not be released separately.</summary>
internal sealed unsafe class OrtTypeInfoHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseTypeInfo(handle);
        return true;
    }
}
