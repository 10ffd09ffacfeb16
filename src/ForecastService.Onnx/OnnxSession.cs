using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using ForecastService.Onnx.Native;
using ForecastService.Onnx.Native.Handles;

namespace ForecastService.Onnx;

/// <summary>
/// A loaded ONNX model, ready to run. Load once, run many times: <c>Run</c> is safe to call from many threads at
/// once on one session. Must be disposed; disposing while a <c>Run</c> is in flight is safe (the native session is
/// released when that call returns), but a <c>Run</c> started after <see cref="Dispose"/> throws.
/// </summary>
public sealed partial class OnnxSession : IDisposable
{
    private readonly OrtSessionHandle _session;
    private readonly OnnxTensorInfo[] _inputs;
    private readonly OnnxTensorInfo[] _outputs;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;

    // Names are encoded once, on the pinned object heap, so each Run passes cached pointers.
    private readonly byte[][] _nameBuffers;
    private readonly IntPtr[] _inputNames;
    private readonly IntPtr[] _outputNames;

    // Run options are per call (so one cancellation cannot stop another call) but reused across calls.
    private readonly ConcurrentQueue<OrtRunOptionsHandle> _runOptionsPool = new();
    private readonly IntPtr _cpuMemoryInfo;
    private volatile bool _disposed;

    private OnnxSession(OrtSessionHandle session, string provider, string? fallbackReason)
    {
        _session = session;
        ExecutionProvider = provider;
        ExecutionProviderFallbackReason = fallbackReason;
        _cpuMemoryInfo = OrtRuntime.Instance.CpuMemoryInfo.DangerousGetHandle();

        _inputs = SessionMetadataReader.ReadInputs(session);
        _outputs = SessionMetadataReader.ReadOutputs(session);
        var (producer, custom) = SessionMetadataReader.ReadMetadata(session);
        ProducerName = producer;
        CustomMetadata = new ReadOnlyDictionary<string, string>(custom);
        Inputs = Array.AsReadOnly(_inputs);
        Outputs = Array.AsReadOnly(_outputs);

        _inputIndex = IndexByName(_inputs);
        _outputIndex = IndexByName(_outputs);
        _nameBuffers = new byte[_inputs.Length + _outputs.Length][];
        _inputNames = new IntPtr[_inputs.Length];
        _outputNames = new IntPtr[_outputs.Length];
        for (var i = 0; i < _inputs.Length; i++)
        {
            _nameBuffers[i] = NativeUtf8.ToPinned(_inputs[i].Name, out _inputNames[i]);
        }

        for (var i = 0; i < _outputs.Length; i++)
        {
            _nameBuffers[_inputs.Length + i] = NativeUtf8.ToPinned(_outputs[i].Name, out _outputNames[i]);
        }
    }

    /// <summary>The model's inputs, in model order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    /// <summary>The model's outputs, in model order.</summary>
    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public IReadOnlyDictionary<string, string> CustomMetadata { get; }

    /// <summary>The model's <c>producer_name</c>, or <see langword="null"/> when empty.</summary>
    public string? ProducerName { get; }

    /// <summary>The execution provider the session actually uses: "CPU" or "CUDA".</summary>
    public string ExecutionProvider { get; }

    /// <summary>
    /// Why CUDA was not used when <see cref="ExecutionProviderPreference.Auto"/> fell back to CPU (from ORT's status
    /// and log); <see langword="null"/> otherwise.
    /// </summary>
    public string? ExecutionProviderFallbackReason { get; }

    /// <summary>Loads a model file. The returned session must be disposed.</summary>
    /// <exception cref="OnnxRuntimeException">The file is missing or not a valid model, or the provider cannot be used.</exception>
    public static OnnxSession Load(string path, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Create(ModelSource.FromPath(path), options);
    }

    /// <summary>Loads a model from its serialized bytes (copied by ORT). The returned session must be disposed.</summary>
    /// <exception cref="OnnxRuntimeException">The bytes are not a valid model, or the provider cannot be used.</exception>
    public static OnnxSession Load(ReadOnlySpan<byte> model, OnnxSessionOptions? options = null) =>
        Create(ModelSource.FromBytes(model), options);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
        while (_runOptionsPool.TryDequeue(out var runOptions))
        {
            runOptions.Dispose();
        }
    }

    private static OnnxSession Create(ModelSource model, OnnxSessionOptions? options)
    {
        var (session, provider, reason) = SessionFactory.Create(model, options ?? new OnnxSessionOptions());
        try
        {
            return new OnnxSession(session, provider, reason);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static Dictionary<string, int> IndexByName(OnnxTensorInfo[] infos)
    {
        var index = new Dictionary<string, int>(infos.Length, StringComparer.Ordinal);
        for (var i = 0; i < infos.Length; i++)
        {
            index[infos[i].Name] = i;
        }

        return index;
    }
}
