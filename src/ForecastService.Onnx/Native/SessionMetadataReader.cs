using System.Runtime.InteropServices;
using ForecastService.Onnx.Native.Handles;

namespace ForecastService.Onnx.Native;

/// <summary>Reads a session's inputs, outputs and model metadata once, at load.</summary>
internal static unsafe class SessionMetadataReader
{
    public static OnnxTensorInfo[] ReadInputs(OrtSessionHandle session) => ReadAll(session, input: true);

    public static OnnxTensorInfo[] ReadOutputs(OrtSessionHandle session) => ReadAll(session, input: false);

    public static (string? ProducerName, Dictionary<string, string> Custom) ReadMetadata(OrtSessionHandle session)
    {
        var api = OrtRuntime.Api;
        var allocator = OrtRuntime.Instance.DefaultAllocator;
        using var metadata = new OrtModelMetadataHandle();
        IntPtr handle;
        NativeStatus.ThrowIfFailed(api.SessionGetModelMetadata(session.DangerousGetHandle(), &handle));
        metadata.Attach(handle);

        byte* producer;
        NativeStatus.ThrowIfFailed(api.ModelMetadataGetProducerName(handle, allocator, &producer));
        var producerName = NativeUtf8.ReadAndFree(allocator, producer);

        byte** keys;
        long count;
        NativeStatus.ThrowIfFailed(api.ModelMetadataGetCustomMetadataMapKeys(handle, allocator, &keys, &count));
        var custom = new Dictionary<string, string>((int)count, StringComparer.Ordinal);
        if (keys is null)
        {
            return (string.IsNullOrEmpty(producerName) ? null : producerName, custom);
        }

        // Each key and the array itself belong to us; free them all even if a lookup fails.
        try
        {
            for (var i = 0; i < count; i++)
            {
                byte* value;
                NativeStatus.ThrowIfFailed(api.ModelMetadataLookupCustomMetadataMap(handle, allocator, keys[i], &value));
                var key = Marshal.PtrToStringUTF8((IntPtr)keys[i]) ?? string.Empty;
                custom[key] = NativeUtf8.ReadAndFree(allocator, value) ?? string.Empty;
            }
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                NativeUtf8.Free(allocator, keys[i]);
            }

            NativeUtf8.Free(allocator, keys);
        }

        return (string.IsNullOrEmpty(producerName) ? null : producerName, custom);
    }

    private static OnnxTensorInfo[] ReadAll(OrtSessionHandle session, bool input)
    {
        var api = OrtRuntime.Api;
        var handle = session.DangerousGetHandle();
        nuint count;
        NativeStatus.ThrowIfFailed(input ? api.SessionGetInputCount(handle, &count) : api.SessionGetOutputCount(handle, &count));
        var result = new OnnxTensorInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            result[(int)i] = ReadOne(handle, i, input);
        }

        return result;
    }

    private static OnnxTensorInfo ReadOne(IntPtr session, nuint index, bool input)
    {
        var api = OrtRuntime.Api;
        var allocator = OrtRuntime.Instance.DefaultAllocator;

        byte* rawName;
        NativeStatus.ThrowIfFailed(input
            ? api.SessionGetInputName(session, index, allocator, &rawName)
            : api.SessionGetOutputName(session, index, allocator, &rawName));
        var name = NativeUtf8.ReadAndFree(allocator, rawName) ?? string.Empty;

        using var typeInfo = new OrtTypeInfoHandle();
        IntPtr typeHandle;
        NativeStatus.ThrowIfFailed(input
            ? api.SessionGetInputTypeInfo(session, index, &typeHandle)
            : api.SessionGetOutputTypeInfo(session, index, &typeHandle));
        typeInfo.Attach(typeHandle);

        // Owned by the type info: never released on its own. Null when the value is not a tensor (map, sequence).
        IntPtr tensorInfo;
        NativeStatus.ThrowIfFailed(api.CastTypeInfoToTensorInfo(typeHandle, &tensorInfo));
        if (tensorInfo == IntPtr.Zero)
        {
            return new OnnxTensorInfo(name, TensorElementType.Undefined, [], []);
        }

        int elementType;
        NativeStatus.ThrowIfFailed(api.GetTensorElementType(tensorInfo, &elementType));
        nuint rank;
        NativeStatus.ThrowIfFailed(api.GetDimensionsCount(tensorInfo, &rank));

        var shape = new long[(int)rank];
        var symbolic = new string?[(int)rank];
        if (rank > 0)
        {
            var symbols = stackalloc byte*[(int)rank];
            fixed (long* dims = shape)
            {
                NativeStatus.ThrowIfFailed(api.GetDimensions(tensorInfo, dims, rank));
            }

            // The symbol strings belong to the type info; copy them before it is released.
            NativeStatus.ThrowIfFailed(api.GetSymbolicDimensions(tensorInfo, symbols, rank));
            for (var d = 0; d < (int)rank; d++)
            {
                var symbol = Marshal.PtrToStringUTF8((IntPtr)symbols[d]);
                symbolic[d] = string.IsNullOrEmpty(symbol) ? null : symbol;
            }
        }

        return new OnnxTensorInfo(name, (TensorElementType)elementType, shape, symbolic);
    }
}
