using ForecastService.Core.Models;
using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Tests.Export;

/// <summary>
/// An independent, one-row, double-precision forecaster written from the ONNX operator definitions (LSTM gates
/// i, o, f, c; GRU z, r, h with linear_before_reset; tanh RNN; B = [Wb; Rb]) and the network's documented head, fed
/// with the network's own tensors. It carries the state in the test, step by step, so it checks the exported step
/// model without sharing any code with the exporter or the trainer's forward pass.
/// </summary>
internal sealed class ReferenceForecaster
{
    private readonly ForecastNetwork _net;
    private readonly NetworkConfig _cfg;

    public ReferenceForecaster(ForecastNetwork network)
    {
        _net = network;
        _cfg = network.Config;
        H = new double[_cfg.Layers][];
        C = new double[_cfg.Layers][];
        for (var l = 0; l < _cfg.Layers; l++)
        {
            H[l] = new double[_cfg.HiddenSize];
            C[l] = new double[_cfg.HiddenSize];
        }
    }

    /// <summary>Hidden state per layer.</summary>
    public double[][] H { get; }

    /// <summary>Cell state per layer (LSTM only; zeros otherwise).</summary>
    public double[][] C { get; }

    /// <summary>Advances every layer by one observation scaled with the frozen <paramref name="scale"/>.</summary>
    public void Step(float value, ReadOnlySpan<float> covariates, StreamScale scale)
    {
        var x = new double[1 + covariates.Length];
        x[0] = (value - (double)scale.Mean) / scale.Spread;
        for (var k = 0; k < covariates.Length; k++)
        {
            x[k + 1] = covariates[k];
        }

        for (var l = 0; l < _cfg.Layers; l++)
        {
            x = Layer(l, x);
        }
    }

    /// <summary>Raw-scale quantiles [H·Q] from the current top hidden state.</summary>
    public double[] Forecast(ReadOnlySpan<float> futureCovariates, StreamScale scale)
    {
        double[] features = [.. H[^1], .. futureCovariates.ToArray().Select(v => (double)v)];
        if (_cfg.HeadHiddenSize > 0)
        {
            features = Dense(_net.GetTensor("head.hidden.weight"), _net.GetTensor("head.hidden.bias"), features).Select(v => Math.Max(v, 0)).ToArray();
        }

        var a = Dense(_net.GetTensor("head.output.weight"), _net.GetTensor("head.output.bias"), features);
        var q = _cfg.QuantileCount;
        var output = new double[a.Length];
        for (var step = 0; step < _cfg.Horizon; step++)
        {
            var level = 0.0;
            for (var k = 0; k < q; k++)
            {
                var ak = a[(step * q) + k];

                // Softplus increments keep the quantiles ascending: q₀ = a₀, q_k = q_{k−1} + ln(1 + e^{a_k}).
                level = k == 0 ? ak : level + Math.Log(1 + Math.Exp(ak));
                output[(step * q) + k] = scale.Mean + (scale.Spread * level);
            }
        }

        return output;
    }

    private static double[] Dense(float[] weight, float[] bias, double[] input)
    {
        var output = new double[bias.Length];
        for (var o = 0; o < output.Length; o++)
        {
            var sum = (double)bias[o];
            for (var i = 0; i < input.Length; i++)
            {
                sum += weight[(o * input.Length) + i] * input[i];
            }

            output[o] = sum;
        }

        return output;
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private double[] Layer(int l, double[] x)
    {
        var n = _cfg.HiddenSize;
        var w = _net.GetTensor($"W{l}");
        var r = _net.GetTensor($"R{l}");
        var b = _net.GetTensor($"B{l}");
        var gates = w.Length / x.Length;
        var h = H[l];

        // Row g of W·x + Wb and of R·h + Rb, kept apart because GRU's candidate resets only the recurrent part.
        double Input(int g)
        {
            var sum = (double)b[g];
            for (var i = 0; i < x.Length; i++)
            {
                sum += w[(g * x.Length) + i] * x[i];
            }

            return sum;
        }

        double Recurrent(int g)
        {
            var sum = (double)b[gates + g];
            for (var j = 0; j < n; j++)
            {
                sum += r[(g * n) + j] * h[j];
            }

            return sum;
        }

        var next = new double[n];
        for (var j = 0; j < n; j++)
        {
            switch (_cfg.Cell)
            {
                case CellType.Lstm:
                    var i = Sigmoid(Input(j) + Recurrent(j));
                    var o = Sigmoid(Input(n + j) + Recurrent(n + j));
                    var f = Sigmoid(Input((2 * n) + j) + Recurrent((2 * n) + j));
                    var candidate = Math.Tanh(Input((3 * n) + j) + Recurrent((3 * n) + j));
                    C[l][j] = (f * C[l][j]) + (i * candidate);
                    next[j] = o * Math.Tanh(C[l][j]);
                    break;
                case CellType.Gru:
                    var z = Sigmoid(Input(j) + Recurrent(j));
                    var reset = Sigmoid(Input(n + j) + Recurrent(n + j));
                    var hidden = Math.Tanh(Input((2 * n) + j) + (reset * Recurrent((2 * n) + j)));
                    next[j] = ((1 - z) * hidden) + (z * h[j]);
                    break;
                default:
                    next[j] = Math.Tanh(Input(j) + Recurrent(j));
                    break;
            }
        }

        H[l] = next;
        return next;
    }
}
