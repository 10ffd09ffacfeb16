using System.Numerics.Tensors;
using ForecastService.Trainer.Nn.Kernels;
using ForecastService.Trainer.Training;

namespace ForecastService.Trainer.Nn;

/// <summary>
/// Forward and backward pass of a <see cref="ForecastNetwork"/> over a chunk of up to <c>capacity</c> windows, with
/// every buffer allocated once and reused. Sequences are stored time-major ([L, B, ·]) so each step's rows form one
/// contiguous matrix: the input projection of all steps is a single GEMM, and each step adds h_{t−1}·Rᵀ.
/// Not thread-safe: one pass per thread.
/// </summary>
internal sealed partial class NetworkPass
{
    private readonly ForecastNetwork _net;
    private readonly NetworkConfig _cfg;
    private readonly int _capacity;
    private readonly int _h;
    private readonly int _hq;
    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly float[] _anchor;
    private readonly float[] _unit;
    private readonly float[][] _x;
    private readonly float[][] _hs;
    private readonly float[][] _cs;
    private readonly float[][] _tanhC;
    private readonly float[][] _act;
    private readonly float[][] _hrh;
    private readonly float[][] _mask;
    private readonly float[] _bias;
    private readonly float[] _rec;
    private readonly float[] _feat;
    private readonly float[] _hid;
    private readonly float[] _a;
    private readonly float[] _q;
    private int _rows;
    private bool _dropoutApplied;

    public NetworkPass(ForecastNetwork network, int capacity)
    {
        _net = network;
        _cfg = network.Config;
        _capacity = Math.Max(1, capacity);
        _h = _cfg.HiddenSize;
        _hq = _cfg.Horizon * _cfg.QuantileCount;
        var l = _cfg.Lookback;
        var b = _capacity;
        var layers = network.Layout.Layers;
        _mean = new float[b];
        _scale = new float[b];
        _anchor = _cfg.Anchor is null ? [] : new float[b * _cfg.Horizon];
        _unit = _cfg.Anchor is null ? [] : new float[b];
        _x = new float[layers.Count][];
        _hs = new float[layers.Count][];
        _cs = new float[layers.Count][];
        _tanhC = new float[layers.Count][];
        _act = new float[layers.Count][];
        _hrh = new float[layers.Count][];
        _mask = new float[layers.Count][];
        var maxGates = 0;
        for (var i = 0; i < layers.Count; i++)
        {
            var g = layers[i].Gates;
            maxGates = Math.Max(maxGates, g);
            _x[i] = new float[l * b * layers[i].InputSize];
            _hs[i] = new float[(l + 1) * b * _h];
            _act[i] = new float[l * b * g];
            _cs[i] = _cfg.Cell == CellType.Lstm ? new float[(l + 1) * b * _h] : [];
            _tanhC[i] = _cfg.Cell == CellType.Lstm ? new float[l * b * _h] : [];
            _hrh[i] = _cfg.Cell == CellType.Gru ? new float[l * b * _h] : [];
            _mask[i] = _cfg.Dropout > 0 && i < layers.Count - 1 ? new float[l * b * _h] : [];
        }

        _bias = new float[maxGates];
        _rec = _cfg.Cell == CellType.Gru ? new float[b * maxGates] : [];
        _feat = new float[b * network.Layout.HeadInput];
        _hid = new float[b * network.Layout.HeadHidden];
        _a = new float[b * _hq];
        _q = new float[b * _hq];
        AllocateBackward(maxGates);
    }

    /// <summary>Rows of the last forward pass.</summary>
    public int Rows => _rows;

    /// <summary>Scaled quantiles [rows, H, Q] of the last forward pass.</summary>
    public ReadOnlySpan<float> ScaledQuantiles => _q.AsSpan(0, _rows * _hq);

    /// <summary>
    /// Runs windows <c>rows[start .. start+count)</c> (or <c>start .. start+count</c> when <paramref name="rows"/> is
    /// null) through the network. With <paramref name="dropout"/> set, applies training-mode dropout.
    /// </summary>
    public void Forward(WindowSet windows, int[]? rows, int start, int count, DropoutContext? dropout)
    {
        if (count > _capacity || count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A pass holds 1 to {_capacity} windows.");
        }

        _rows = count;
        ScaleInputs(windows, rows, start);
        var layers = _net.Layout.Layers;
        _dropoutApplied = dropout is { Rate: > 0 } && layers.Count > 1;
        for (var l = 0; l < layers.Count; l++)
        {
            ForwardLayer(l);
            if (l < layers.Count - 1)
            {
                var y = _hs[l].AsSpan(count * _h, _cfg.Lookback * count * _h);
                var next = _x[l + 1].AsSpan(0, y.Length);
                if (_dropoutApplied)
                {
                    FillMask(l, rows, start, dropout!.Value);
                    TensorPrimitives.Multiply(y, _mask[l].AsSpan(0, y.Length), next);
                }
                else
                {
                    y.CopyTo(next);
                }
            }
        }

        ForwardHead(windows, rows, start);
    }

    /// <summary>
    /// Writes the raw-scale quantiles [rows, H, Q] of the last forward pass: m + s·q, or with an anchor
    /// a_h + d·(g·q) (or a_h + d·(g·q_median + offset) with conformal offsets; see <see cref="ForecastAnchor"/>).
    /// </summary>
    public void WriteRawQuantiles(Span<float> destination)
    {
        var anchor = _cfg.Anchor;
        var nq = _cfg.QuantileCount;
        for (var i = 0; i < _rows; i++)
        {
            var q = _q.AsSpan(i * _hq, _hq);
            var d = destination.Slice(i * _hq, _hq);
            if (anchor is null)
            {
                for (var j = 0; j < _hq; j++)
                {
                    d[j] = (q[j] * _scale[i]) + _mean[i];
                }

                continue;
            }

            for (var step = 0; step < _cfg.Horizon; step++)
            {
                var a = _anchor[(i * _cfg.Horizon) + step];
                var o = step * nq;
                for (var k = 0; k < nq; k++)
                {
                    var scaled = anchor.QuantileOffsets is { } offsets
                        ? (anchor.ResidualGain * q[o + anchor.MedianIndex]) + offsets[o + k]
                        : anchor.ResidualGain * q[o + k];
                    d[o + k] = a + (_unit[i] * scaled);
                }
            }
        }
    }

    /// <summary>
    /// Pinball loss of the last forward pass against the windows' targets scaled by each window's own mean and scale
    /// (with an anchor: the targets' distance from the anchor forecast in units of <see cref="AnchorScale"/>),
    /// summed over rows, horizon steps and quantiles; also stores ∂(sum)/∂q for <see cref="Backward"/>.
    /// </summary>
    public double Loss(WindowSet windows, int[]? rows, int start)
    {
        var horizon = _cfg.Horizon;
        var taus = _cfg.Quantiles;
        var nq = taus.Length;
        double total = 0;
        for (var i = 0; i < _rows; i++)
        {
            var r = RowOf(rows, start, i);
            var target = windows.Targets.AsSpan(r * horizon, horizon);
            var rowLoss = 0f;
            for (var step = 0; step < horizon; step++)
            {
                var y = _cfg.Anchor is null
                    ? (target[step] - _mean[i]) / _scale[i]
                    : (target[step] - _anchor[(i * horizon) + step]) / _unit[i];
                var offset = (i * _hq) + (step * nq);
                for (var k = 0; k < nq; k++)
                {
                    var q = _q[offset + k];
                    rowLoss += PinballLoss.Value(y, q, taus[k]);
                    _dq[offset + k] = PinballLoss.Gradient(y, q, taus[k]);
                }
            }

            total += rowLoss;
        }

        return total;
    }

    private static int RowOf(int[]? rows, int start, int i) => rows is null ? start + i : rows[start + i];

    private void ScaleInputs(WindowSet windows, int[]? rows, int start)
    {
        var lookback = _cfg.Lookback;
        var c = _cfg.CovariateCount;
        var width = 1 + c;
        var b = _rows;
        var x = _x[0];
        for (var i = 0; i < b; i++)
        {
            var r = RowOf(rows, start, i);
            var values = windows.Values.AsSpan(r * lookback, lookback);
            var (mean, scale) = WindowScaling.Compute(values);
            _mean[i] = mean;
            _scale[i] = scale;
            if (_cfg.Anchor is { } anchor)
            {
                anchor.Forecast(values, _anchor.AsSpan(i * _cfg.Horizon, _cfg.Horizon));
                _unit[i] = AnchorScale.Compute(values);
            }
            var past = windows.PastCovariates.AsSpan(r * lookback * c, lookback * c);
            for (var t = 0; t < lookback; t++)
            {
                var dst = x.AsSpan(((t * b) + i) * width, width);
                dst[0] = (values[t] - mean) / scale;
                past.Slice(t * c, c).CopyTo(dst[1..]);
            }
        }
    }

    private void FillMask(int layer, int[]? rows, int start, DropoutContext dropout)
    {
        var keep = 1 - dropout.Rate;
        var kept = 1 / keep;
        var b = _rows;
        var mask = _mask[layer];
        for (var i = 0; i < b; i++)
        {
            var rng = DeterministicRandom.For(dropout.Seed, dropout.Step, layer, RowOf(rows, start, i));
            for (var t = 0; t < _cfg.Lookback; t++)
            {
                var m = mask.AsSpan(((t * b) + i) * _h, _h);
                for (var j = 0; j < _h; j++)
                {
                    m[j] = rng.NextSingle() < keep ? kept : 0f;
                }
            }
        }
    }

    private void ForwardLayer(int l)
    {
        var slots = _net.Layout.Layers[l];
        var p = _net.Parameters;
        var g = slots.Gates;
        var h = _h;
        var b = _rows;
        var lookback = _cfg.Lookback;
        var act = _act[l];
        var hs = _hs[l];
        Gemm.MultiplyNN(_x[l], slots.InputSize, _net.InputWeightsT(l), g, act, g, lookback * b, g, slots.InputSize, accumulate: false);
        var wb = p.AsSpan(slots.B, g);
        var rb = p.AsSpan(slots.B + g, g);
        var bias = _bias.AsSpan(0, g);
        TensorPrimitives.Add(wb, rb, bias);
        if (_cfg.Cell == CellType.Gru)
        {
            // The candidate's recurrent bias sits inside r⊙(·) (linear_before_reset=1), so only Wb_h is added here.
            wb.Slice(2 * h, h).CopyTo(bias.Slice(2 * h, h));
        }

        VectorMath.AddRowVector(act, bias, lookback * b);
        hs.AsSpan(0, b * h).Clear();
        if (_cfg.Cell == CellType.Lstm)
        {
            _cs[l].AsSpan(0, b * h).Clear();
        }

        var rt = _net.RecurrentWeightsT(l);
        for (var t = 0; t < lookback; t++)
        {
            var actT = act.AsSpan(t * b * g, b * g);
            var hPrev = hs.AsSpan(t * b * h, b * h);
            var hNext = hs.AsSpan((t + 1) * b * h, b * h);
            switch (_cfg.Cell)
            {
                case CellType.Lstm:
                    if (t > 0)
                    {
                        Gemm.MultiplyNN(hPrev, h, rt, g, actT, g, b, g, h, accumulate: true);
                    }

                    LstmStep(l, t, actT, hNext);
                    break;
                case CellType.Gru:
                    var rec = _rec.AsSpan(0, b * g);
                    if (t > 0)
                    {
                        Gemm.MultiplyNN(hPrev, h, rt, g, rec, g, b, g, h, accumulate: false);
                    }
                    else
                    {
                        rec.Clear();
                    }

                    var rbH = rb.Slice(2 * h, h);
                    var hrh = _hrh[l].AsSpan(t * b * h, b * h);
                    for (var i = 0; i < b; i++)
                    {
                        GruMath.Forward(actT.Slice(i * g, g), rec.Slice(i * g, g), rbH, hPrev.Slice(i * h, h), hrh.Slice(i * h, h), hNext.Slice(i * h, h));
                    }

                    break;
                default:
                    if (t > 0)
                    {
                        Gemm.MultiplyNN(hPrev, h, rt, g, actT, g, b, g, h, accumulate: true);
                    }

                    TensorPrimitives.Tanh(actT, actT);
                    actT.CopyTo(hNext);
                    break;
            }
        }
    }

    private void LstmStep(int l, int t, Span<float> actT, Span<float> hNext)
    {
        var h = _h;
        var b = _rows;
        var cPrev = _cs[l].AsSpan(t * b * h, b * h);
        var cNext = _cs[l].AsSpan((t + 1) * b * h, b * h);
        var tc = _tanhC[l].AsSpan(t * b * h, b * h);
        for (var i = 0; i < b; i++)
        {
            var row = actT.Slice(i * 4 * h, 4 * h);
            var sig = row[..(3 * h)];
            TensorPrimitives.Sigmoid(sig, sig);
            var cand = row.Slice(3 * h, h);
            TensorPrimitives.Tanh(cand, cand);
            VectorMath.LstmState(
                row[..h], row.Slice(h, h), row.Slice(2 * h, h), cand,
                cPrev.Slice(i * h, h), cNext.Slice(i * h, h), tc.Slice(i * h, h), hNext.Slice(i * h, h));
        }
    }

    private void ForwardHead(WindowSet windows, int[]? rows, int start)
    {
        var layout = _net.Layout;
        var b = _rows;
        var f = layout.HeadInput;
        var horizonCov = _cfg.Horizon * _cfg.CovariateCount;
        var top = _hs[^1].AsSpan(_cfg.Lookback * b * _h, b * _h);
        for (var i = 0; i < b; i++)
        {
            var dst = _feat.AsSpan(i * f, f);
            top.Slice(i * _h, _h).CopyTo(dst);
            var r = RowOf(rows, start, i);
            windows.FutureCovariates.AsSpan(r * horizonCov, horizonCov).CopyTo(dst[_h..]);
        }

        var p = _net.Parameters;
        ReadOnlySpan<float> source = _feat.AsSpan(0, b * f);
        if (layout.HeadHidden > 0)
        {
            var hh = layout.HeadHidden;
            var hid = _hid.AsSpan(0, b * hh);
            Gemm.MultiplyNN(source, f, _net.HiddenWeightT, hh, hid, hh, b, hh, f, accumulate: false);
            VectorMath.AddRowVector(hid, p.AsSpan(layout.HiddenBias, hh), b);
            TensorPrimitives.Max(hid, 0f, hid);
            source = hid;
        }

        var a = _a.AsSpan(0, b * _hq);
        Gemm.MultiplyNN(source, layout.OutputInput, _net.OutputWeightT, _hq, a, _hq, b, _hq, layout.OutputInput, accumulate: false);
        VectorMath.AddRowVector(a, p.AsSpan(layout.OutputBias, _hq), b);
        var nq = _cfg.QuantileCount;
        for (var o = 0; o < b * _hq; o += nq)
        {
            QuantileTransform.Forward(a.Slice(o, nq), _q.AsSpan(o, nq));
        }
    }
}
