using ForecastService.Onnx.Native;

namespace ForecastService.Onnx.Tests.Native;

public sealed unsafe class NativeStatusTests
{
    [Fact]
    public void ThrowIfFailed_StatusFromOrt_ThrowsWithItsCodeAndMessage()
    {
        var api = OrtRuntime.Api;
        IntPtr status;
        fixed (byte* message = "probe message ✓"u8)
        {
            status = api.CreateStatus((int)OnnxErrorCode.InvalidArgument, message);
        }

        var ex = Assert.Throws<OnnxRuntimeException>(() => NativeStatus.ThrowIfFailed(status));

        Assert.Equal(OnnxErrorCode.InvalidArgument, ex.ErrorCode);
        Assert.Equal("probe message ✓", ex.Message);
    }

    [Fact]
    public void ThrowIfFailed_NullStatus_DoesNotThrow()
    {
        NativeStatus.ThrowIfFailed(IntPtr.Zero);
    }
}
