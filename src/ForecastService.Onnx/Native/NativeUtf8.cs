using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace ForecastService.Onnx.Native;

/// <summary>UTF-8 string helpers for the C API.</summary>
internal static unsafe class NativeUtf8
{
    /// <summary>
    /// Encodes <paramref name="text"/> as NUL-terminated UTF-8 in an array on the pinned object heap, so its address
    /// can be cached and passed to every Run without pinning again. The array must be kept referenced.
    /// </summary>
    public static byte[] ToPinned(string text, out IntPtr pointer)
    {
        var bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(text) + 1, pinned: true);
        Encoding.UTF8.GetBytes(text, bytes);
        pointer = (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes));
        return bytes;
    }

    /// <summary>Encodes <paramref name="text"/> as NUL-terminated UTF-8 for a single call.</summary>
    public static byte[] ToNullTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>Copies a string that ORT allocated with <paramref name="allocator"/>, then frees it.</summary>
    public static string? ReadAndFree(IntPtr allocator, byte* value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)value);
        }
        finally
        {
            Free(allocator, value);
        }
    }

    /// <summary>Frees memory ORT allocated with <paramref name="allocator"/>; a failure to free is not worth an exception.</summary>
    public static void Free(IntPtr allocator, void* pointer)
    {
        var status = OrtRuntime.Api.AllocatorFree(allocator, pointer);
        if (status != IntPtr.Zero)
        {
            OrtRuntime.Api.ReleaseStatus(status);
        }
    }
}
