using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;

namespace ForecastService.Inference;

public sealed partial class OnnxSession
{
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
        RunCore(inputs, outputs, outputIndex[..outputs.Length], cancellationToken);
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

        using var results = RunCore(inputs, [], outputIndex[..outputNames.Count], cancellationToken)!;
        var tensors = new FloatTensor[outputNames.Count];
        var i = 0;
        foreach (var value in results)
        {
            tensors[i] = CopyOut(value, outputNames[i]);
            i++;
        }

        return tensors;
    }

    private static FloatTensor CopyOut(OrtValue value, string name)
    {
        var info = value.GetTensorTypeAndShape();
        if (info.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
        {
            throw new NotSupportedException($"Output '{name}' has element type {info.ElementDataType}; only float outputs can be returned.");
        }

        return new FloatTensor(value.GetTensorDataAsSpan<float>().ToArray(), info.Shape);
    }

    /// <summary>
    /// Wraps the inputs (and, when given, the caller's output buffers) as OrtValues over their pinned memory, runs,
    /// and releases what it wrapped. Without preallocated outputs ORT allocates them and the caller owns the result.
    /// </summary>
    private IDisposableReadOnlyCollection<OrtValue>? RunCore(
        ReadOnlySpan<NamedTensor> inputs,
        ReadOnlySpan<NamedTensor> preallocatedOutputs,
        ReadOnlySpan<int> outputIndex,
        CancellationToken cancellationToken)
    {
        var inputNames = new string[inputs.Length];
        var inputValues = new OrtValue[inputs.Length];
        var outputNames = new string[outputIndex.Length];
        var outputValues = new OrtValue[preallocatedOutputs.Length];
        for (var i = 0; i < outputIndex.Length; i++)
        {
            outputNames[i] = _outputs[outputIndex[i]].Name;
        }

        EnterRun();
        try
        {
            // CreateTensorValueFromMemory pins the caller's buffer until the OrtValue is disposed: no copy.
            for (var i = 0; i < inputs.Length; i++)
            {
                inputNames[i] = inputs[i].Name;
                inputValues[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, inputs[i].Data, inputs[i].Shape);
            }

            for (var i = 0; i < preallocatedOutputs.Length; i++)
            {
                outputValues[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, preallocatedOutputs[i].Data, preallocatedOutputs[i].Shape);
            }

            return Invoke(inputNames, inputValues, outputNames, outputValues, cancellationToken);
        }
        finally
        {
            foreach (var value in inputValues)
            {
                value?.Dispose();
            }

            foreach (var value in outputValues)
            {
                value?.Dispose();
            }

            ExitRun();
        }
    }

    private IDisposableReadOnlyCollection<OrtValue>? Invoke(
        string[] inputNames,
        OrtValue[] inputValues,
        string[] outputNames,
        OrtValue[] outputValues,
        CancellationToken cancellationToken)
    {
        var runOptions = RentRunOptions();
        var registration = default(CancellationTokenRegistration);
        try
        {
            if (cancellationToken.CanBeCanceled)
            {
                registration = cancellationToken.UnsafeRegister(static state => ((RunOptions)state!).Terminate = true, runOptions);
            }

            IDisposableReadOnlyCollection<OrtValue>? results = null;
            try
            {
                if (outputValues.Length > 0)
                {
                    _session.Run(runOptions, inputNames, inputValues, outputNames, outputValues);
                }
                else
                {
                    results = _session.Run(runOptions, inputNames, inputValues, outputNames);
                }
            }
            catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex)
            {
                // Waits for a terminate callback that is already running, so the options are quiet afterwards.
                registration.Dispose();
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The model run was cancelled.", ex, cancellationToken);
                }

                throw Wrap(ex, ex.Message);
            }

            return results;
        }
        finally
        {
            registration.Dispose();
            ReturnRunOptions(runOptions, terminated: cancellationToken.IsCancellationRequested);
        }
    }

    private RunOptions RentRunOptions() => _runOptionsPool.TryDequeue(out var pooled) ? pooled : new RunOptions();

    private void ReturnRunOptions(RunOptions runOptions, bool terminated)
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
        if (expected.ElementType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
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
