using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ForecastService.Onnx.Native;

/// <summary>The one place where an <c>OrtStatus*</c> becomes an exception.</summary>
internal static unsafe class NativeStatus
{
    /// <summary>Throws <see cref="OnnxRuntimeException"/> when <paramref name="status"/> is not null, releasing it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfFailed(IntPtr status)
    {
        if (status != IntPtr.Zero)
        {
            Throw(OrtRuntime.Api, status);
        }
    }

    /// <summary>Same as <see cref="ThrowIfFailed(IntPtr)"/>, for use while the runtime itself is being initialized.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfFailed(OrtApi api, IntPtr status)
    {
        if (status != IntPtr.Zero)
        {
            Throw(api, status);
        }
    }

    /// <summary>Converts a failed status to an exception and releases the status (which the caller owned).</summary>
    public static OnnxRuntimeException ToException(OrtApi api, IntPtr status)
    {
        try
        {
            var code = (OnnxErrorCode)api.GetErrorCode(status);
            // The message belongs to the status: copy it before the status is released.
            var message = Marshal.PtrToStringUTF8((IntPtr)api.GetErrorMessage(status)) ?? string.Empty;
            return new OnnxRuntimeException(code, message);
        }
        finally
        {
            api.ReleaseStatus(status);
        }
    }

    // Kept out of line so the success path of ThrowIfFailed stays a compare and a branch.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(OrtApi api, IntPtr status) => throw ToException(api, status);
}
