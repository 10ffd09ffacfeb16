namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns an <c>OrtModelMetadata</c>; strings read from it are allocated separately and freed with the default allocator.</summary>
internal sealed unsafe class OrtModelMetadataHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseModelMetadata(handle);
        return true;
    }
}
