using System.Numerics.Tensors;

namespace ForecastService.Trainer.Nn.Kernels;

/// <summary>
/// GRU step math (ONNX, linear_before_reset=1) for one row: z = σ(x_z + hR_zᵀ + b_z), r = σ(x_r + hR_rᵀ + b_r),
/// n = tanh(x_h + Wb_h + r⊙(hR_hᵀ + Rb_h)), h = (1 − z)⊙n + z⊙h_prev.
/// </summary>
internal static class GruMath
{
    /// <summary>
    /// <paramref name="act"/> holds [x_z + b_z, x_r + b_r, x_h + Wb_h] on entry and [z, r, n] on exit;
    /// <paramref name="rec"/> is h_prev·Rᵀ; <paramref name="hrh"/> receives hR_hᵀ + Rb_h.
    /// </summary>
    public static void Forward(Span<float> act, ReadOnlySpan<float> rec, ReadOnlySpan<float> rbH, ReadOnlySpan<float> hPrev, Span<float> hrh, Span<float> h)
    {
        var n = h.Length;
        var zr = act[..(2 * n)];
        TensorPrimitives.Add(zr, rec[..(2 * n)], zr);
        TensorPrimitives.Sigmoid(zr, zr);
        TensorPrimitives.Add(rec.Slice(2 * n, n), rbH, hrh);
        var cand = act.Slice(2 * n, n);
        TensorPrimitives.FusedMultiplyAdd(act.Slice(n, n), hrh, cand, cand);
        TensorPrimitives.Tanh(cand, cand);
        TensorPrimitives.Subtract(hPrev, cand, h);
        TensorPrimitives.FusedMultiplyAdd(act[..n], h, cand, h);
    }

    /// <summary>
    /// Backward of one row. Writes the input-side pre-activation gradients to <paramref name="dGx"/>, the recurrent-side
    /// ones (which differ in the candidate block by the factor r) to <paramref name="dGr"/>, and dh⊙z, the direct path
    /// to h_prev, to <paramref name="dhDirect"/>.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> act, ReadOnlySpan<float> hrh, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> dy, ReadOnlySpan<float> dhRec,
        Span<float> dGx, Span<float> dGr, Span<float> dhDirect)
    {
        var n = hrh.Length;
        for (var j = 0; j < n; j++)
        {
            var dh = dy[j] + dhRec[j];
            var z = act[j];
            var r = act[n + j];
            var c = act[(2 * n) + j];
            var dz = dh * (hPrev[j] - c);
            var dan = dh * (1 - z) * (1 - (c * c));
            var daz = dz * z * (1 - z);
            var dar = dan * hrh[j] * r * (1 - r);
            dGx[j] = daz;
            dGx[n + j] = dar;
            dGx[(2 * n) + j] = dan;
            dGr[j] = daz;
            dGr[n + j] = dar;
            dGr[(2 * n) + j] = dan * r;
            dhDirect[j] = dh * z;
        }
    }
}
