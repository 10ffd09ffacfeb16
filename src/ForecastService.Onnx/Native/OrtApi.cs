namespace ForecastService.Onnx.Native;

/// <summary>
/// The slice of ONNX Runtime's <c>OrtApi</c> function table that the binding calls, read once by slot index.
/// </summary>
/// <remarks>
/// <c>OrtApi</c> is a flat struct of function pointers that only ever grows at the end, so slot <c>i</c> sits at
/// <c>i * sizeof(void*)</c> in every version that has it. Slots were checked against
/// <c>include/onnxruntime/core/session/onnxruntime_c_api.h</c> (see shared/reference/onnxruntime-c-api.md).
/// Handles are <see cref="IntPtr"/>, C strings <c>byte*</c> (NUL-terminated UTF-8), <c>size_t</c> <see cref="nuint"/>,
/// C enums <see cref="int"/>. Functions returning <c>OrtStatus*</c> return <see cref="IntPtr"/>; zero means success.
/// </remarks>
internal sealed unsafe class OrtApi
{
    /// <summary>
    /// The lowest API version that has every slot used here: the CUDA V2 provider-options functions (slots 204-208)
    /// arrived in 1.11. Asking for it rather than the newest lets older cores (the CUDA flavor's 1.29) work too.
    /// </summary>
    public const uint MinimumVersion = 11;

    public readonly delegate* unmanaged<int, byte*, IntPtr> CreateStatus;
    public readonly delegate* unmanaged<IntPtr, int> GetErrorCode;
    public readonly delegate* unmanaged<IntPtr, byte*> GetErrorMessage;
    public readonly delegate* unmanaged<delegate* unmanaged<IntPtr, int, byte*, byte*, byte*, byte*, void>, IntPtr, int, byte*, IntPtr*, IntPtr> CreateEnvWithCustomLogger;
    public readonly delegate* unmanaged<IntPtr, void*, IntPtr, IntPtr*, IntPtr> CreateSession;
    public readonly delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray;
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr> Run;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateSessionOptions;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetInterOpNumThreads;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetInputCount;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetOutputCount;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateRunOptions;
    public readonly delegate* unmanaged<IntPtr, IntPtr> RunOptionsSetTerminate;
    public readonly delegate* unmanaged<IntPtr, IntPtr> RunOptionsUnsetTerminate;
    public readonly delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged<IntPtr, void**, IntPtr> GetTensorMutableData;
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged<IntPtr, int*, IntPtr> GetTensorElementType;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> GetDimensionsCount;
    public readonly delegate* unmanaged<IntPtr, long*, nuint, IntPtr> GetDimensions;
    public readonly delegate* unmanaged<IntPtr, byte**, nuint, IntPtr> GetSymbolicDimensions;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> GetTensorShapeElementCount;
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape;
    public readonly delegate* unmanaged<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged<IntPtr, void*, IntPtr> AllocatorFree;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseEnv;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseStatus;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSession;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseValue;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseRunOptions;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> SessionGetModelMetadata;
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr> ModelMetadataGetProducerName;
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr> ModelMetadataLookupCustomMetadataMap;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseModelMetadata;
    public readonly delegate* unmanaged<IntPtr, IntPtr, byte***, long*, IntPtr> ModelMetadataGetCustomMetadataMapKeys;
    public readonly delegate* unmanaged<byte***, int*, IntPtr> GetAvailableProviders;
    public readonly delegate* unmanaged<byte**, int, IntPtr> ReleaseAvailableProviders;
    public readonly delegate* unmanaged<IntPtr, byte*, byte*, IntPtr> AddSessionConfigEntry;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr> SessionOptionsAppendExecutionProviderCudaV2;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateCudaProviderOptions;
    public readonly delegate* unmanaged<IntPtr, byte**, byte**, nuint, IntPtr> UpdateCudaProviderOptions;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseCudaProviderOptions;

    /// <param name="table">The <c>const OrtApi*</c> returned by <c>OrtApiBase::GetApi</c>; must not be null.</param>
    public OrtApi(IntPtr table)
    {
        var slot = (IntPtr*)table;
        CreateStatus = (delegate* unmanaged<int, byte*, IntPtr>)slot[0];
        GetErrorCode = (delegate* unmanaged<IntPtr, int>)slot[1];
        GetErrorMessage = (delegate* unmanaged<IntPtr, byte*>)slot[2];
        CreateEnvWithCustomLogger = (delegate* unmanaged<delegate* unmanaged<IntPtr, int, byte*, byte*, byte*, byte*, void>, IntPtr, int, byte*, IntPtr*, IntPtr>)slot[4];
        CreateSession = (delegate* unmanaged<IntPtr, void*, IntPtr, IntPtr*, IntPtr>)slot[7];
        CreateSessionFromArray = (delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)slot[8];
        Run = (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr>)slot[9];
        CreateSessionOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slot[10];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<IntPtr, int, IntPtr>)slot[23];
        SetIntraOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)slot[24];
        SetInterOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)slot[25];
        SessionGetInputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)slot[30];
        SessionGetOutputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)slot[31];
        SessionGetInputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)slot[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)slot[34];
        SessionGetInputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)slot[36];
        SessionGetOutputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)slot[37];
        CreateRunOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slot[39];
        RunOptionsSetTerminate = (delegate* unmanaged<IntPtr, IntPtr>)slot[46];
        RunOptionsUnsetTerminate = (delegate* unmanaged<IntPtr, IntPtr>)slot[47];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)slot[49];
        GetTensorMutableData = (delegate* unmanaged<IntPtr, void**, IntPtr>)slot[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)slot[55];
        GetTensorElementType = (delegate* unmanaged<IntPtr, int*, IntPtr>)slot[60];
        GetDimensionsCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)slot[61];
        GetDimensions = (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)slot[62];
        GetSymbolicDimensions = (delegate* unmanaged<IntPtr, byte**, nuint, IntPtr>)slot[63];
        GetTensorShapeElementCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)slot[64];
        GetTensorTypeAndShape = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)slot[65];
        CreateCpuMemoryInfo = (delegate* unmanaged<int, int, IntPtr*, IntPtr>)slot[69];
        AllocatorFree = (delegate* unmanaged<IntPtr, void*, IntPtr>)slot[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slot[78];
        ReleaseEnv = (delegate* unmanaged<IntPtr, void>)slot[92];
        ReleaseStatus = (delegate* unmanaged<IntPtr, void>)slot[93];
        ReleaseMemoryInfo = (delegate* unmanaged<IntPtr, void>)slot[94];
        ReleaseSession = (delegate* unmanaged<IntPtr, void>)slot[95];
        ReleaseValue = (delegate* unmanaged<IntPtr, void>)slot[96];
        ReleaseRunOptions = (delegate* unmanaged<IntPtr, void>)slot[97];
        ReleaseTypeInfo = (delegate* unmanaged<IntPtr, void>)slot[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<IntPtr, void>)slot[99];
        ReleaseSessionOptions = (delegate* unmanaged<IntPtr, void>)slot[100];
        SessionGetModelMetadata = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)slot[111];
        ModelMetadataGetProducerName = (delegate* unmanaged<IntPtr, IntPtr, byte**, IntPtr>)slot[112];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged<IntPtr, IntPtr, byte*, byte**, IntPtr>)slot[116];
        ReleaseModelMetadata = (delegate* unmanaged<IntPtr, void>)slot[118];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged<IntPtr, IntPtr, byte***, long*, IntPtr>)slot[123];
        GetAvailableProviders = (delegate* unmanaged<byte***, int*, IntPtr>)slot[125];
        ReleaseAvailableProviders = (delegate* unmanaged<byte**, int, IntPtr>)slot[126];
        AddSessionConfigEntry = (delegate* unmanaged<IntPtr, byte*, byte*, IntPtr>)slot[130];
        SessionOptionsAppendExecutionProviderCudaV2 = (delegate* unmanaged<IntPtr, IntPtr, IntPtr>)slot[204];
        CreateCudaProviderOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slot[205];
        UpdateCudaProviderOptions = (delegate* unmanaged<IntPtr, byte**, byte**, nuint, IntPtr>)slot[206];
        ReleaseCudaProviderOptions = (delegate* unmanaged<IntPtr, void>)slot[208];
    }
}
