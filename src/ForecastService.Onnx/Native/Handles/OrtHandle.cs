using System.Runtime.InteropServices;

namespace ForecastService.Onnx.Native.Handles;

/// <summary>
/// Base of the SafeHandles that own ONNX Runtime objects. Each subclass releases its object with the matching
/// <c>Release*</c> function of the loaded API table, which exists for as long as any handle does.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Takes ownership of a pointer that a <c>Create*</c> call has just returned.</summary>
    public void Attach(IntPtr value) => SetHandle(value);
}
