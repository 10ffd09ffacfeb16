using System.Numerics.Tensors;
using ForecastService.Trainer.Nn.Kernels;

namespace ForecastService.Trainer.Nn;

/// <summary>Backpropagation through the head, the quantile transform and time.</summary>
internal sealed partial class NetworkPass
{
    private float[] _dq = [];
    private float[] _da = [];
    private float[] _dHead = [];
    private float[] _dFeat = [];
    private float[] _dGx = [];
    private float[] _dGr = [];
    private float[] _dY = [];
    private float[] _dHRec = [];
    private float[] _dHDirect = [];
    private float[] _dC = [];
    private float[] _gradT = [];

    /// <summary>
    /// Adds ∂(lossScale · summed loss)/∂θ of the last <see cref="Forward"/> and <see cref="Loss"/> to
    /// <paramref name="gradient"/> (laid out like the network's parameters).
    /// </summary>
    public void Backward(Span<float> gradient, float lossScale)
    {
        var b = _rows;
        var layout = _net.Layout;
        var p = _net.Parameters;
        var nq = _cfg.QuantileCount;
        var dq = _dq.AsSpan(0, b * _hq);
        var da = _da.AsSpan(0, b * _hq);
        TensorPrimitives.Multiply(dq, lossScale, dq);
        for (var o = 0; o < b * _hq; o += nq)
        {
            QuantileTransform.Backward(_a.AsSpan(o, nq), dq.Slice(o, nq), da.Slice(o, nq));
        }

        // Output layer: y = s·Woᵀ + bo.
        var f = layout.HeadInput;
        var fo = layout.OutputInput;
        ReadOnlySpan<float> source = layout.HeadHidden > 0 ? _hid.AsSpan(0, b * fo) : _feat.AsSpan(0, b * f);
        AddWeightGradient(source, fo, da, _hq, b, gradient.Slice(layout.OutputWeight, _hq * fo));
        VectorMath.AddColumnSums(da, b, gradient.Slice(layout.OutputBias, _hq));
        var dFeat = _dFeat.AsSpan(0, b * f);
        if (layout.HeadHidden > 0)
        {
            var hh = layout.HeadHidden;
            var dHid = _dHead.AsSpan(0, b * hh);
            Gemm.MultiplyNN(da, _hq, p.AsSpan(layout.OutputWeight, _hq * hh), hh, dHid, hh, b, hh, _hq, accumulate: false);
            var hid = _hid.AsSpan(0, b * hh);
            for (var j = 0; j < dHid.Length; j++)
            {
                if (hid[j] <= 0)
                {
                    dHid[j] = 0;
                }
            }

            AddWeightGradient(_feat.AsSpan(0, b * f), f, dHid, hh, b, gradient.Slice(layout.HiddenWeight, hh * f));
            VectorMath.AddColumnSums(dHid, b, gradient.Slice(layout.HiddenBias, hh));
            Gemm.MultiplyNN(dHid, hh, p.AsSpan(layout.HiddenWeight, hh * f), f, dFeat, f, b, f, hh, accumulate: false);
        }
        else
        {
            Gemm.MultiplyNN(da, _hq, p.AsSpan(layout.OutputWeight, _hq * f), f, dFeat, f, b, f, _hq, accumulate: false);
        }

        // Only the top layer's last hidden state feeds the head.
        var lookback = _cfg.Lookback;
        var dY = _dY.AsSpan(0, lookback * b * _h);
        dY.Clear();
        var last = dY.Slice((lookback - 1) * b * _h, b * _h);
        for (var i = 0; i < b; i++)
        {
            dFeat.Slice(i * f, _h).CopyTo(last.Slice(i * _h, _h));
        }

        for (var l = layout.Layers.Count - 1; l >= 0; l--)
        {
            BackwardLayer(l, gradient);
        }
    }

    /// <summary>Sets ∂loss/∂q [rows, H, Q] directly, in place of <see cref="Loss"/>, for any loss of the scaled quantiles.</summary>
    public void SetOutputGradient(ReadOnlySpan<float> dq) => dq.CopyTo(_dq);

    private void AllocateBackward(int maxGates)
    {
        var b = _capacity;
        var l = _cfg.Lookback;
        var layout = _net.Layout;
        _dq = new float[b * _hq];
        _da = new float[b * _hq];
        _dHead = new float[b * layout.HeadHidden];
        _dFeat = new float[b * layout.HeadInput];
        _dGx = new float[l * b * maxGates];
        _dGr = _cfg.Cell == CellType.Gru ? new float[l * b * maxGates] : _dGx;
        _dY = new float[l * b * _h];
        _dHRec = new float[b * _h];
        _dHDirect = _cfg.Cell == CellType.Gru ? new float[b * _h] : [];
        _dC = _cfg.Cell == CellType.Lstm ? new float[b * _h] : [];
        var maxT = Math.Max(layout.HeadHidden * layout.HeadInput, _hq * layout.OutputInput);
        foreach (var s in layout.Layers)
        {
            maxT = Math.Max(maxT, s.Gates * Math.Max(s.InputSize, _h));
        }

        _gradT = new float[maxT];
    }

    /// <summary>
    /// grad[out, in] += dOutᵀ·input, computed as its transpose inputᵀ·dOut [in, out] so the vectorized dimension is
    /// the (wide) output one even when the input is narrow, then added transposed.
    /// </summary>
    private void AddWeightGradient(ReadOnlySpan<float> input, int inWidth, ReadOnlySpan<float> dOut, int outWidth, int rows, Span<float> grad)
    {
        var t = _gradT.AsSpan(0, inWidth * outWidth);
        Gemm.MultiplyTN(input, inWidth, dOut, outWidth, t, outWidth, inWidth, outWidth, rows, accumulate: false);
        VectorMath.AddTransposed(t, inWidth, outWidth, grad);
    }

    private void BackwardLayer(int l, Span<float> gradient)
    {
        var slots = _net.Layout.Layers[l];
        var p = _net.Parameters;
        var g = slots.Gates;
        var h = _h;
        var b = _rows;
        var lookback = _cfg.Lookback;
        var hs = _hs[l];
        var act = _act[l];
        var r = p.AsSpan(slots.R, g * h);
        var dHRec = _dHRec.AsSpan(0, b * h);
        dHRec.Clear();
        if (_cfg.Cell == CellType.Lstm)
        {
            _dC.AsSpan(0, b * h).Clear();
        }

        for (var t = lookback - 1; t >= 0; t--)
        {
            var dyT = _dY.AsSpan(t * b * h, b * h);
            var dGx = _dGx.AsSpan(t * b * g, b * g);
            var actT = act.AsSpan(t * b * g, b * g);
            var hPrev = hs.AsSpan(t * b * h, b * h);
            switch (_cfg.Cell)
            {
                case CellType.Lstm:
                    var cPrev = _cs[l].AsSpan(t * b * h, b * h);
                    var tc = _tanhC[l].AsSpan(t * b * h, b * h);
                    for (var i = 0; i < b; i++)
                    {
                        VectorMath.LstmBackward(
                            actT.Slice(i * g, g), tc.Slice(i * h, h), cPrev.Slice(i * h, h), dyT.Slice(i * h, h),
                            dHRec.Slice(i * h, h), _dC.AsSpan(i * h, h), dGx.Slice(i * g, g));
                    }

                    if (t > 0)
                    {
                        Gemm.MultiplyNN(dGx, g, r, h, dHRec, h, b, h, g, accumulate: false);
                    }

                    break;
                case CellType.Gru:
                    var dGr = _dGr.AsSpan(t * b * g, b * g);
                    var hrh = _hrh[l].AsSpan(t * b * h, b * h);
                    var dDirect = _dHDirect.AsSpan(0, b * h);
                    for (var i = 0; i < b; i++)
                    {
                        GruMath.Backward(
                            actT.Slice(i * g, g), hrh.Slice(i * h, h), hPrev.Slice(i * h, h), dyT.Slice(i * h, h),
                            dHRec.Slice(i * h, h), dGx.Slice(i * g, g), dGr.Slice(i * g, g), dDirect.Slice(i * h, h));
                    }

                    if (t > 0)
                    {
                        dDirect.CopyTo(dHRec);
                        Gemm.MultiplyNN(dGr, g, r, h, dHRec, h, b, h, g, accumulate: true);
                    }

                    break;
                default:
                    // h = tanh(a): the activations are the hidden states.
                    for (var j = 0; j < b * h; j++)
                    {
                        var y = actT[j];
                        dGx[j] = (dyT[j] + dHRec[j]) * (1 - (y * y));
                    }

                    if (t > 0)
                    {
                        Gemm.MultiplyNN(dGx, g, r, h, dHRec, h, b, h, g, accumulate: false);
                    }

                    break;
            }
        }

        var rows = lookback * b;
        var dGxAll = _dGx.AsSpan(0, rows * g);
        var dGrAll = _dGr.AsSpan(0, rows * g);
        AddWeightGradient(_x[l].AsSpan(0, rows * slots.InputSize), slots.InputSize, dGxAll, g, rows, gradient.Slice(slots.W, g * slots.InputSize));
        if (lookback > 1)
        {
            // dR pairs the gradient at step t with h_{t−1} = hs block t, for t ≥ 1 (h_{−1} is the zero state).
            AddWeightGradient(hs.AsSpan(b * h, (lookback - 1) * b * h), h, dGrAll[(b * g)..], g, (lookback - 1) * b, gradient.Slice(slots.R, g * h));
        }

        VectorMath.AddColumnSums(dGxAll, rows, gradient.Slice(slots.B, g));
        VectorMath.AddColumnSums(dGrAll, rows, gradient.Slice(slots.B + g, g));
        if (l > 0)
        {
            // Gradient of the layer input, i.e. of the lower layer's (dropped-out) outputs.
            var dY = _dY.AsSpan(0, rows * h);
            Gemm.MultiplyNN(dGxAll, g, p.AsSpan(slots.W, g * slots.InputSize), slots.InputSize, dY, slots.InputSize, rows, slots.InputSize, g, accumulate: false);
            if (_dropoutApplied)
            {
                TensorPrimitives.Multiply(dY, _mask[l - 1].AsSpan(0, dY.Length), dY);
            }
        }
    }
}
