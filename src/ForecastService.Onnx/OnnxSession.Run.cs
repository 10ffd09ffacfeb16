using System.Buffers;
using System.Runtime.CompilerServices;
using ForecastService.Onnx.Native;
using ForecastService.Onnx.Native.Handles;

namespace ForecastService.Onnx;

public sealed unsafe partial class OnnxSession
{
    private const int FloatElementType = (int)TensorElementType.Float;

    /// <summary>
    /// Runs the model on caller-owned buffers without copying: each input buffer is pinned and handed to ORT for the
    /// duration of the call, and ORT writes each output straight into the caller's output buffer.
    /// </summary>
    /// <param name="inputs">Every model input, once, with known dimensions matching the model.</param>
    /// <param name="outputs">The outputs wanted, with buffers and shapes matching what the model produces.</param>
    /// <param name="cancellationToken">Stops the run inside ORT (between kernels).</param>
    /// <exception cref="ArgumentException">An unknown, missing or repeated name, or a rank, dimension or length mismatch.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="OnnxRuntimeException">ORT failed, e.g. an output shape differs from what the model computes.</exception>
    public void Run(ReadOnlySpan<NamedTensor> inputs, ReadOnlySpan<NamedTensor> outputs, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (outputs.IsEmpty)
        {
            throw new ArgumentException("Ask for at least one output.", nameof(outputs));
        }

        // Validation bounds the counts by the model's, so these stack buffers stay small.
        Span<int> inputIndex = stackalloc int[_inputs.Length];
        Span<int> outputIndex = stackalloc int[_outputs.Length];
        ValidateTensors(inputs, _inputs, _inputIndex, inputIndex, "input", nameof(inputs), requireAll: true);
        ValidateTensors(outputs, _outputs, _outputIndex, outputIndex, "output", nameof(outputs), requireAll: false);
        cancellationToken.ThrowIfCancellationRequested();

        var outputValues = stackalloc IntPtr[outputs.Length];
        RunCore(inputs, inputIndex[..inputs.Length], outputs, outputIndex[..outputs.Length], outputValues, cancellationToken);
    }

    /// <summary>
    /// Runs the model and returns copies of the named outputs, which ORT allocates. Simpler than the zero-copy
    /// overload, at the cost of one allocation and copy per output.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown, missing or repeated name, or a rank, dimension or length mismatch.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="OnnxRuntimeException">ORT failed.</exception>
    public IReadOnlyList<FloatTensor> Run(ReadOnlySpan<NamedTensor> inputs, IReadOnlyList<string> outputNames, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(outputNames);
        if (outputNames.Count == 0)
        {
            throw new ArgumentException("Ask for at least one output.", nameof(outputNames));
        }

        Span<int> inputIndex = stackalloc int[_inputs.Length];
        Span<int> outputIndex = stackalloc int[_outputs.Length];
        ValidateTensors(inputs, _inputs, _inputIndex, inputIndex, "input", nameof(inputs), requireAll: true);
        ValidateOutputNames(outputNames, outputIndex);
        cancellationToken.ThrowIfCancellationRequested();

        var count = outputNames.Count;
        var outputValues = stackalloc IntPtr[count];
        var owned = new OrtValueHandle[count];
        for (var i = 0; i < count; i++)
        {
            owned[i] = new OrtValueHandle();
        }

        try
        {
            RunCore(inputs, inputIndex[..inputs.Length], [], outputIndex[..count], outputValues, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                owned[i].Attach(outputValues[i]);
            }

            var results = new FloatTensor[count];
            for (var i = 0; i < count; i++)
            {
                results[i] = CopyOut(owned[i], outputNames[i]);
            }

            return results;
        }
        finally
        {
            foreach (var value in owned)
            {
                value.Dispose();
            }
        }
    }

    private static FloatTensor CopyOut(OrtValueHandle value, string name)
    {
        var api = OrtRuntime.Api;
        var raw = value.DangerousGetHandle();
        using var info = new OrtTensorTypeAndShapeInfoHandle();
        IntPtr infoHandle;
        NativeStatus.ThrowIfFailed(api.GetTensorTypeAndShape(raw, &infoHandle));
        info.Attach(infoHandle);

        int elementType;
        NativeStatus.ThrowIfFailed(api.GetTensorElementType(infoHandle, &elementType));
        if (elementType != FloatElementType)
        {
            throw new NotSupportedException($"Output '{name}' has element type {(TensorElementType)elementType}; only float outputs can be returned.");
        }

        nuint rank;
        NativeStatus.ThrowIfFailed(api.GetDimensionsCount(infoHandle, &rank));
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            NativeStatus.ThrowIfFailed(api.GetDimensions(infoHandle, dims, rank));
        }

        nuint count;
        NativeStatus.ThrowIfFailed(api.GetTensorShapeElementCount(infoHandle, &count));
        void* data;
        NativeStatus.ThrowIfFailed(api.GetTensorMutableData(raw, &data));
        var copy = GC.AllocateUninitializedArray<float>(checked((int)count));
        new ReadOnlySpan<float>(data, copy.Length).CopyTo(copy);
        return new FloatTensor(copy, shape);
    }

    /// <summary>
    /// Wraps the inputs (and, when given, the caller's output buffers) as OrtValues over pinned memory, runs, and
    /// releases what it wrapped. Output slots left zero are allocated by ORT and returned in
    /// <paramref name="outputValues"/>; the caller then owns them.
    /// </summary>
    private void RunCore(
        ReadOnlySpan<NamedTensor> inputs,
        ReadOnlySpan<int> inputIndex,
        ReadOnlySpan<NamedTensor> preallocatedOutputs,
        ReadOnlySpan<int> outputIndex,
        IntPtr* outputValues,
        CancellationToken cancellationToken)
    {
        var api = OrtRuntime.Api;
        var inputCount = inputs.Length;
        var outputCount = outputIndex.Length;
        var inputNames = stackalloc IntPtr[inputCount];
        var inputValues = stackalloc IntPtr[inputCount];
        var outputNames = stackalloc IntPtr[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            outputNames[i] = _outputNames[outputIndex[i]];
            outputValues[i] = IntPtr.Zero;
        }

        // These OrtValues never leave this method and are released in the finally below, so they are tracked as raw
        // pointers on the stack rather than as SafeHandles: no finalizable object per tensor per call on the hot path.
        var pinCount = inputCount + preallocatedOutputs.Length;
        var pins = ArrayPool<System.Buffers.MemoryHandle>.Shared.Rent(pinCount);
        try
        {
            for (var i = 0; i < inputCount; i++)
            {
                inputNames[i] = _inputNames[inputIndex[i]];
                inputValues[i] = WrapPinned(api, inputs[i], ref pins[i]);
            }

            for (var i = 0; i < preallocatedOutputs.Length; i++)
            {
                outputValues[i] = WrapPinned(api, preallocatedOutputs[i], ref pins[inputCount + i]);
            }

            Invoke(api, (byte**)inputNames, inputValues, inputCount, (byte**)outputNames, outputValues, outputCount, cancellationToken);
        }
        finally
        {
            for (var i = 0; i < inputCount; i++)
            {
                api.ReleaseValue(inputValues[i]);
            }

            for (var i = 0; i < preallocatedOutputs.Length; i++)
            {
                api.ReleaseValue(outputValues[i]);
            }

            // Unpin only after ORT has let go of the memory.
            for (var i = 0; i < pinCount; i++)
            {
                pins[i].Dispose();
            }

            ArrayPool<System.Buffers.MemoryHandle>.Shared.Return(pins, clearArray: true);
        }
    }

    private IntPtr WrapPinned(OrtApi api, in NamedTensor tensor, ref System.Buffers.MemoryHandle pin)
    {
        pin = tensor.Data.Pin();
        IntPtr value;
        fixed (long* shape = tensor.Shape)
        {
            NativeStatus.ThrowIfFailed(api.CreateTensorWithDataAsOrtValue(
                _cpuMemoryInfo,
                pin.Pointer,
                (nuint)tensor.Data.Length * sizeof(float),
                shape,
                (nuint)tensor.Shape.Length,
                FloatElementType,
                &value));
        }

        return value;
    }

    private void Invoke(
        OrtApi api,
        byte** inputNames,
        IntPtr* inputValues,
        int inputCount,
        byte** outputNames,
        IntPtr* outputValues,
        int outputCount,
        CancellationToken cancellationToken)
    {
        var addedRef = false;
        OrtRunOptionsHandle? runOptions = null;
        var registration = default(CancellationTokenRegistration);
        try
        {
            // Keeps the native session alive even if Dispose runs concurrently; throws once it is closed.
            _session.DangerousAddRef(ref addedRef);
            var runOptionsHandle = IntPtr.Zero;
            if (cancellationToken.CanBeCanceled)
            {
                runOptions = RentRunOptions(api);
                runOptionsHandle = runOptions.DangerousGetHandle();
                registration = cancellationToken.UnsafeRegister(static state => Terminate((OrtRunOptionsHandle)state!), runOptions);
            }

            var status = api.Run(
                _session.DangerousGetHandle(),
                runOptionsHandle,
                inputNames,
                inputValues,
                (nuint)inputCount,
                outputNames,
                (nuint)outputCount,
                outputValues);

            // Waits for a terminate callback that is already running, so the options are quiet afterwards.
            registration.Dispose();
            if (status != IntPtr.Zero && cancellationToken.IsCancellationRequested)
            {
                api.ReleaseStatus(status);
                throw new OperationCanceledException("The model run was cancelled.", cancellationToken);
            }

            NativeStatus.ThrowIfFailed(status);
        }
        finally
        {
            registration.Dispose();
            if (runOptions is not null)
            {
                ReturnRunOptions(runOptions, terminated: cancellationToken.IsCancellationRequested);
            }

            if (addedRef)
            {
                _session.DangerousRelease();
            }
        }
    }

    private static void Terminate(OrtRunOptionsHandle runOptions)
    {
        var api = OrtRuntime.Api;
        var status = api.RunOptionsSetTerminate(runOptions.DangerousGetHandle());
        if (status != IntPtr.Zero)
        {
            // Nothing useful to report from a cancellation callback; the run simply finishes normally.
            api.ReleaseStatus(status);
        }
    }

    private OrtRunOptionsHandle RentRunOptions(OrtApi api)
    {
        if (_runOptionsPool.TryDequeue(out var pooled))
        {
            return pooled;
        }

        var handle = new OrtRunOptionsHandle();
        try
        {
            IntPtr raw;
            NativeStatus.ThrowIfFailed(api.CreateRunOptions(&raw));
            handle.Attach(raw);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private void ReturnRunOptions(OrtRunOptionsHandle runOptions, bool terminated)
    {
        // Options whose terminate flag may be set are not reused; neither are any once the session is gone.
        if (terminated || _disposed)
        {
            runOptions.Dispose();
            return;
        }

        _runOptionsPool.Enqueue(runOptions);
        if (_disposed && _runOptionsPool.TryDequeue(out var late))
        {
            late.Dispose();
        }
    }

    private static void ValidateTensors(
        ReadOnlySpan<NamedTensor> tensors,
        OnnxTensorInfo[] model,
        Dictionary<string, int> byName,
        Span<int> indices,
        string kind,
        string parameter,
        bool requireAll)
    {
        Span<bool> seen = stackalloc bool[model.Length];
        for (var i = 0; i < tensors.Length; i++)
        {
            var tensor = tensors[i];
            var index = Lookup(tensor.Name, byName, model, kind, parameter);
            if (seen[index])
            {
                throw new ArgumentException($"The {kind} '{tensor.Name}' is given more than once.", parameter);
            }

            seen[index] = true;
            CheckShape(tensor, model[index], kind, parameter);

            // Every earlier name was distinct and known, so i < model.Length here.
            indices[i] = index;
        }

        if (requireAll && tensors.Length != model.Length)
        {
            for (var i = 0; i < model.Length; i++)
            {
                if (!seen[i])
                {
                    throw new ArgumentException(
                        $"The {kind} '{model[i].Name}' is missing; the model needs: {string.Join(", ", model.Select(m => m.ToString()))}.",
                        parameter);
                }
            }
        }
    }

    private void ValidateOutputNames(IReadOnlyList<string> names, Span<int> indices)
    {
        Span<bool> seen = stackalloc bool[_outputs.Length];
        for (var i = 0; i < names.Count; i++)
        {
            var index = Lookup(names[i], _outputIndex, _outputs, "output", nameof(names));
            if (seen[index])
            {
                throw new ArgumentException($"The output '{names[i]}' is asked for more than once.", "outputNames");
            }

            seen[index] = true;
            indices[i] = index;
        }
    }

    private static int Lookup(string? name, Dictionary<string, int> byName, OnnxTensorInfo[] model, string kind, string parameter)
    {
        if (name is null)
        {
            throw new ArgumentException($"A {kind} tensor has no name (a default NamedTensor?).", parameter);
        }

        if (!byName.TryGetValue(name, out var index))
        {
            throw new ArgumentException(
                $"'{name}' is not an {kind} of this model. Its {kind}s are: {string.Join(", ", model.Select(m => m.Name))}.",
                parameter);
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckShape(in NamedTensor tensor, OnnxTensorInfo expected, string kind, string parameter)
    {
        if (expected.ElementType != TensorElementType.Float)
        {
            throw new ArgumentException(
                $"The {kind} '{tensor.Name}' has element type {expected.ElementType} in the model; only float tensors are supported.",
                parameter);
        }

        var shape = tensor.Shape;
        if (shape.Length != expected.Shape.Length)
        {
            throw new ArgumentException(
                $"The {kind} '{tensor.Name}' has rank {shape.Length} (shape [{string.Join(", ", shape)}]); the model expects rank {expected.Shape.Length}: {expected}.",
                parameter);
        }

        long elements = 1;
        for (var d = 0; d < shape.Length; d++)
        {
            if (shape[d] < 0 || (expected.Shape[d] >= 0 && shape[d] != expected.Shape[d]))
            {
                throw new ArgumentException(
                    $"The {kind} '{tensor.Name}' has shape [{string.Join(", ", shape)}]; the model expects {expected}.",
                    parameter);
            }

            elements = checked(elements * shape[d]);
        }

        if (elements != tensor.Data.Length)
        {
            throw new ArgumentException(
                $"The {kind} '{tensor.Name}' has {tensor.Data.Length} elements, but its shape [{string.Join(", ", shape)}] needs {elements}.",
                parameter);
        }
    }
}
