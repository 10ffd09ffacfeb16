using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using Microsoft.ML.OnnxRuntime;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace ForecastService.Inference;

/// <summary>
/// A loaded ONNX model, ready to run. Load once, run many times: <c>Run</c> is safe to call from many threads at
/// once on one session. Must be disposed; disposing while a <c>Run</c> is in flight is safe (the ORT session is
/// released when the last such call returns), but a <c>Run</c> started after <see cref="Dispose"/> throws.
/// </summary>
public sealed partial class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OnnxTensorInfo[] _inputs;
    private readonly OnnxTensorInfo[] _outputs;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;

    // Run options are per call (so one cancellation cannot stop another call) but reused across calls.
    private readonly ConcurrentQueue<RunOptions> _runOptionsPool = new();

    // Runs in flight; the ORT session is released by whichever of Dispose and the last Run comes second.
    private readonly Lock _leaseLock = new();
    private int _activeRuns;
    private volatile bool _disposed;

    private OnnxSession(InferenceSession session, string provider, string? fallbackReason)
    {
        _session = session;
        ExecutionProvider = provider;
        ExecutionProviderFallbackReason = fallbackReason;

        _inputs = ReadInfos(session.InputNames, session.InputMetadata);
        _outputs = ReadInfos(session.OutputNames, session.OutputMetadata);
        var metadata = session.ModelMetadata;
        ProducerName = string.IsNullOrEmpty(metadata.ProducerName) ? null : metadata.ProducerName;
        CustomMetadata = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(metadata.CustomMetadataMap, StringComparer.Ordinal));
        Inputs = Array.AsReadOnly(_inputs);
        Outputs = Array.AsReadOnly(_outputs);
        _inputIndex = IndexByName(_inputs);
        _outputIndex = IndexByName(_outputs);
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
    /// Why CUDA was not used when <see cref="ExecutionProviderPreference.Auto"/> fell back to CPU (from ORT's error
    /// and log); <see langword="null"/> otherwise.
    /// </summary>
    public string? ExecutionProviderFallbackReason { get; }

    /// <summary>Loads a model file. The returned session must be disposed.</summary>
    /// <exception cref="OnnxRuntimeException">The file is missing or not a valid model, or the provider cannot be used.</exception>
    public static OnnxSession Load(string path, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Create(path, sessionOptions => new InferenceSession(path, sessionOptions), options);
    }

    /// <summary>Loads a model from its serialized bytes (copied by ORT). The returned session must be disposed.</summary>
    /// <exception cref="OnnxRuntimeException">The bytes are not a valid model, or the provider cannot be used.</exception>
    public static OnnxSession Load(ReadOnlySpan<byte> model, OnnxSessionOptions? options = null)
    {
        if (model.IsEmpty)
        {
            throw new ArgumentException("The model is empty (0 bytes).", nameof(model));
        }

        var bytes = model.ToArray();
        return Create($"the in-memory model ({bytes.Length} bytes)", sessionOptions => new InferenceSession(bytes, sessionOptions), options);
    }

    public void Dispose()
    {
        lock (_leaseLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_activeRuns > 0)
            {
                return;
            }
        }

        Release();
    }

    private static OnnxSession Create(string model, Func<SessionOptions, InferenceSession> open, OnnxSessionOptions? options)
    {
        var (session, provider, reason) = SessionFactory.Create(model, open, options ?? new OnnxSessionOptions());
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

    private static OnnxTensorInfo[] ReadInfos(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        var infos = new OnnxTensorInfo[names.Count];
        for (var i = 0; i < infos.Length; i++)
        {
            var node = metadata[names[i]];
            if (!node.IsTensor)
            {
                infos[i] = new OnnxTensorInfo(names[i], default(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType), [], []);
                continue;
            }

            var shape = Array.ConvertAll(node.Dimensions, d => (long)d);
            var symbols = new string?[shape.Length];
            for (var d = 0; d < symbols.Length && d < node.SymbolicDimensions.Length; d++)
            {
                symbols[d] = string.IsNullOrEmpty(node.SymbolicDimensions[d]) ? null : node.SymbolicDimensions[d];
            }

            infos[i] = new OnnxTensorInfo(names[i], node.ElementDataType, shape, symbols);
        }

        return infos;
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

    private void EnterRun()
    {
        lock (_leaseLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _activeRuns++;
        }
    }

    private void ExitRun()
    {
        lock (_leaseLock)
        {
            _activeRuns--;
            if (!_disposed || _activeRuns > 0)
            {
                return;
            }
        }

        Release();
    }

    private void Release()
    {
        _session.Dispose();
        while (_runOptionsPool.TryDequeue(out var runOptions))
        {
            runOptions.Dispose();
        }
    }

    /// <summary>Our exception for ORT's, keeping its error code, which the official exception has only in its message.</summary>
    internal static OnnxRuntimeException Wrap(OrtException ex, string message)
    {
        const string Prefix = "[ErrorCode:";
        var code = OnnxErrorCode.Fail;
        var start = ex.Message.IndexOf(Prefix, StringComparison.Ordinal);
        var end = start < 0 ? -1 : ex.Message.IndexOf(']', start);
        if (end > start && Enum.TryParse<OnnxErrorCode>(ex.Message.AsSpan(start + Prefix.Length, end - start - Prefix.Length), out var parsed))
        {
            code = parsed;
        }

        return new OnnxRuntimeException(code, message, ex);
    }
}
