using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Nn;

/// <summary>
/// A recurrent quantile forecaster. Per window: scale by the window's own mean and scale (<see cref="WindowScaling"/>),
/// run the z-scores with the past calendar covariates through stacked LSTM/GRU/RNN layers, feed the top layer's last
/// hidden state with the flattened future covariates to a dense head that emits H×Q values at once, make each
/// step's quantiles non-crossing (<see cref="QuantileTransform"/>) and de-normalize (with a
/// <see cref="NetworkConfig.Anchor"/>: add them, in units of the window's mean step, to a classical forecast).
/// </summary>
/// <remarks>
/// All weights live in one flat vector (<see cref="Parameters"/>) in the layouts of their ONNX initializers:
/// recurrent W [G, in], R [G, H] and B = [Wb; Rb] with ONNX gate orders, dense weights [out, in]. Transposed copies
/// used by the forward pass are refreshed by <see cref="ParametersChanged"/>. Instances are not thread-safe for
/// writing; <see cref="Predict"/> may be called from several threads while the weights do not change.
/// </remarks>
public sealed class ForecastNetwork
{
    private readonly float[][] _inputWeightsT;
    private readonly float[][] _recurrentWeightsT;
    private readonly float[] _hiddenWeightT;
    private readonly float[] _outputWeightT;

    /// <summary>Creates a network with freshly initialized weights.</summary>
    /// <param name="config">Shape; validated.</param>
    /// <param name="seed">Seed of the weight initialization.</param>
    public ForecastNetwork(NetworkConfig config, int seed)
        : this(config, InitialParameters(config, seed))
    {
    }

    private ForecastNetwork(NetworkConfig config, float[] parameters)
    {
        Config = config;
        Layout = new ParameterLayout(config);
        Parameters = parameters;
        var layers = Layout.Layers;
        _inputWeightsT = new float[layers.Count][];
        _recurrentWeightsT = new float[layers.Count][];
        for (var l = 0; l < layers.Count; l++)
        {
            _inputWeightsT[l] = new float[layers[l].Gates * layers[l].InputSize];
            _recurrentWeightsT[l] = new float[layers[l].Gates * config.HiddenSize];
        }

        _hiddenWeightT = new float[Layout.HeadHidden * Layout.HeadInput];
        _outputWeightT = new float[Layout.HeadOutput * Layout.OutputInput];
        ParametersChanged();
    }

    /// <summary>The network's shape.</summary>
    public NetworkConfig Config { get; }

    /// <summary>Number of trainable scalars.</summary>
    public int ParameterCount => Parameters.Length;

    /// <summary>All weights, flat, in ONNX layouts; call <see cref="ParametersChanged"/> after writing.</summary>
    internal float[] Parameters { get; }

    internal ParameterLayout Layout { get; }

    internal float[] InputWeightsT(int layer) => _inputWeightsT[layer];

    internal float[] RecurrentWeightsT(int layer) => _recurrentWeightsT[layer];

    internal float[] HiddenWeightT => _hiddenWeightT;

    internal float[] OutputWeightT => _outputWeightT;

    /// <summary>Creates a network over a copy of the given flat weights (as returned by <see cref="GetParameters"/>).</summary>
    public static ForecastNetwork FromParameters(NetworkConfig config, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var count = new ParameterLayout(config).Count;
        if (parameters.Length != count)
        {
            throw new ArgumentException($"The configuration needs {count} parameters, not {parameters.Length}.", nameof(parameters));
        }

        return new ForecastNetwork(config, parameters.ToArray());
    }

    /// <summary>A copy of the flat weight vector.</summary>
    public float[] GetParameters() => (float[])Parameters.Clone();

    /// <summary>A deep copy of this network.</summary>
    public ForecastNetwork Clone() => new(Config, (float[])Parameters.Clone());

    /// <summary>One named tensor of the network, in its ONNX layout, as a copy.</summary>
    /// <param name="name">"W{l}", "R{l}", "B{l}" for recurrent layer l, "head.hidden.weight", "head.hidden.bias", "head.output.weight", "head.output.bias".</param>
    public float[] GetTensor(string name)
    {
        var (offset, length) = TensorSlot(name);
        return Parameters.AsSpan(offset, length).ToArray();
    }

    /// <summary>
    /// Raw-scale quantile forecasts [Count, Horizon, Q], ascending in the last axis, in evaluation mode (no dropout).
    /// Uses all cores; each row's result is independent of the other rows.
    /// </summary>
    public float[] Predict(WindowSet windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        CheckShape(windows);
        var hq = Config.Horizon * Config.QuantileCount;
        var output = new float[windows.Count * hq];
        const int ChunkRows = 64;
        var chunks = (windows.Count + ChunkRows - 1) / ChunkRows;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(
            0,
            chunks,
            options,
            () => new NetworkPass(this, Math.Min(ChunkRows, windows.Count)),
            (chunk, _, pass) =>
            {
                var start = chunk * ChunkRows;
                var count = Math.Min(ChunkRows, windows.Count - start);
                pass.Forward(windows, null, start, count, dropout: null);
                pass.WriteRawQuantiles(output.AsSpan(start * hq, count * hq));
                return pass;
            },
            _ => { });
        return output;
    }

    /// <summary>Recomputes internal transposed copies after <see cref="Parameters"/> was written.</summary>
    internal void ParametersChanged()
    {
        var h = Config.HiddenSize;
        for (var l = 0; l < Layout.Layers.Count; l++)
        {
            var slots = Layout.Layers[l];
            Transpose(Parameters.AsSpan(slots.W, slots.Gates * slots.InputSize), slots.Gates, slots.InputSize, _inputWeightsT[l]);
            Transpose(Parameters.AsSpan(slots.R, slots.Gates * h), slots.Gates, h, _recurrentWeightsT[l]);
        }

        if (Layout.HeadHidden > 0)
        {
            Transpose(Parameters.AsSpan(Layout.HiddenWeight, _hiddenWeightT.Length), Layout.HeadHidden, Layout.HeadInput, _hiddenWeightT);
        }

        Transpose(Parameters.AsSpan(Layout.OutputWeight, _outputWeightT.Length), Layout.HeadOutput, Layout.OutputInput, _outputWeightT);
    }

    internal void CheckShape(WindowSet windows)
    {
        if (windows.Lookback != Config.Lookback || windows.Horizon != Config.Horizon || windows.CovariateCount != Config.CovariateCount)
        {
            throw new ArgumentException(
                $"Windows have lookback {windows.Lookback}, horizon {windows.Horizon} and {windows.CovariateCount} covariates; "
                + $"the network needs {Config.Lookback}, {Config.Horizon} and {Config.CovariateCount}.",
                nameof(windows));
        }
    }

    internal (int Offset, int Length) TensorSlot(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var h = Config.HiddenSize;
        if (name.Length > 1 && name[0] is 'W' or 'R' or 'B' && int.TryParse(name.AsSpan(1), out var l) && l >= 0 && l < Layout.Layers.Count)
        {
            var s = Layout.Layers[l];
            return name[0] switch
            {
                'W' => (s.W, s.Gates * s.InputSize),
                'R' => (s.R, s.Gates * h),
                _ => (s.B, 2 * s.Gates),
            };
        }

        return name switch
        {
            "head.hidden.weight" when Layout.HeadHidden > 0 => (Layout.HiddenWeight, Layout.HeadHidden * Layout.HeadInput),
            "head.hidden.bias" when Layout.HeadHidden > 0 => (Layout.HiddenBias, Layout.HeadHidden),
            "head.output.weight" => (Layout.OutputWeight, Layout.HeadOutput * Layout.OutputInput),
            "head.output.bias" => (Layout.OutputBias, Layout.HeadOutput),
            _ => throw new ArgumentException($"The network has no tensor named '{name}'.", nameof(name)),
        };
    }

    private static void Transpose(ReadOnlySpan<float> source, int rows, int cols, Span<float> destination)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                destination[(c * rows) + r] = source[(r * cols) + c];
            }
        }
    }

    /// <summary>
    /// Recurrent weights and biases U(−1/√H, 1/√H) as in PyTorch, with the LSTM forget-gate bias at 1 (Wb_f = 1,
    /// Rb_f = 0) so early gradients flow through the cell state; dense weights U(−1/√fan_in, 1/√fan_in); the output
    /// bias starts each horizon step at the standard normal's quantiles (a₀ = Φ⁻¹(τ₀), a_k = softplus⁻¹(Φ⁻¹(τ_k) − Φ⁻¹(τ_{k−1}))).
    /// </summary>
    private static float[] InitialParameters(NetworkConfig config, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var layout = new ParameterLayout(config);
        var p = new float[layout.Count];
        var rng = DeterministicRandom.For(seed, 0x5EED);
        var h = config.HiddenSize;
        var bound = 1 / MathF.Sqrt(h);
        foreach (var s in layout.Layers)
        {
            for (var i = s.W; i < s.B + (2 * s.Gates); i++)
            {
                p[i] = rng.NextSingle(-bound, bound);
            }

            if (config.Cell == CellType.Lstm)
            {
                // ONNX gate order i, o, f, c: the forget block is the third.
                p.AsSpan(s.B + (2 * h), h).Fill(1f);
                p.AsSpan(s.B + (4 * h) + (2 * h), h).Clear();
            }
        }

        if (layout.HeadHidden > 0)
        {
            var hb = 1 / MathF.Sqrt(layout.HeadInput);
            for (var i = layout.HiddenWeight; i < layout.HiddenBias + layout.HeadHidden; i++)
            {
                p[i] = rng.NextSingle(-hb, hb);
            }
        }

        var ob = 1 / MathF.Sqrt(layout.OutputInput);
        for (var i = layout.OutputWeight; i < layout.OutputBias; i++)
        {
            p[i] = rng.NextSingle(-ob, ob);
        }

        var q = config.Quantiles;
        for (var step = 0; step < config.Horizon; step++)
        {
            var bias = p.AsSpan(layout.OutputBias + (step * q.Length), q.Length);
            bias[0] = (float)NormalQuantile.Of(q[0]);
            for (var k = 1; k < q.Length; k++)
            {
                bias[k] = QuantileTransform.InverseSoftplus((float)(NormalQuantile.Of(q[k]) - NormalQuantile.Of(q[k - 1])));
            }
        }

        return p;
    }
}
