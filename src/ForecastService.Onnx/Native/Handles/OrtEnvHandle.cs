namespace ForecastService.Onnx.Native.Handles;

/// <summary>Owns the <c>OrtEnv</c>; the process-wide environment, created once and never released while the process runs.</summary>
internal sealed unsafe class OrtEnvHandle : OrtHandle
{
    protected override bool ReleaseHandle()
    {
        OrtRuntime.Api.ReleaseEnv(handle);
        return true;
    }
}
