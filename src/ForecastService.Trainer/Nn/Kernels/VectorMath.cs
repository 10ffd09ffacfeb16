using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ForecastService.Trainer.Nn.Kernels;

/// <summary>Small fused element-wise loops the recurrent cells need, vectorized with 256-bit registers.</summary>
internal static class VectorMath
{
    /// <summary>Adds <paramref name="bias"/> to each of <paramref name="rows"/> consecutive rows of <paramref name="matrix"/>.</summary>
    public static void AddRowVector(Span<float> matrix, ReadOnlySpan<float> bias, int rows)
    {
        var n = bias.Length;
        for (var r = 0; r < rows; r++)
        {
            var row = matrix.Slice(r * n, n);
            TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>sums[j] += Σ_r matrix[r, j] over <paramref name="rows"/> rows, rows added in order.</summary>
    public static void AddColumnSums(ReadOnlySpan<float> matrix, int rows, Span<float> sums)
    {
        var n = sums.Length;
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, matrix.Slice(r * n, n), sums);
        }
    }

    /// <summary>destination[c, r] += source[r, c] for a [rows, cols] source.</summary>
    public static void AddTransposed(ReadOnlySpan<float> source, int rows, int cols, Span<float> destination)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = source.Slice(r * cols, cols);
            for (var c = 0; c < cols; c++)
            {
                destination[(c * rows) + r] += row[c];
            }
        }
    }

    /// <summary>LSTM state update: c = f⊙c_prev + i⊙g, tc = tanh(c), h = o⊙tc.</summary>
    public static void LstmState(
        ReadOnlySpan<float> i, ReadOnlySpan<float> o, ReadOnlySpan<float> f, ReadOnlySpan<float> g,
        ReadOnlySpan<float> cPrev, Span<float> c, Span<float> tc, Span<float> h)
    {
        var n = c.Length;
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 8 <= n; j += 8)
            {
                var v = Vector256.FusedMultiplyAdd(Load(f, j), Load(cPrev, j), Load(i, j) * Load(g, j));
                Store(v, c, j);
            }
        }

        for (; j < n; j++)
        {
            c[j] = MathF.FusedMultiplyAdd(f[j], cPrev[j], i[j] * g[j]);
        }

        TensorPrimitives.Tanh(c, tc);
        TensorPrimitives.Multiply(o, tc, h);
    }

    /// <summary>
    /// LSTM step backward for one row. dh = dy + dhRec; dc = dcNext + dh⊙o⊙(1 − tc²); gate pre-activation gradients
    /// di·i(1−i), do·o(1−o), df·f(1−f), dg·(1−g²) with di = dc⊙g, do = dh⊙tc, df = dc⊙c_prev, dg = dc⊙i; dcNext ← dc⊙f.
    /// </summary>
    public static void LstmBackward(
        ReadOnlySpan<float> act, ReadOnlySpan<float> tc, ReadOnlySpan<float> cPrev, ReadOnlySpan<float> dy,
        ReadOnlySpan<float> dhRec, Span<float> dc, Span<float> dGates)
    {
        var n = tc.Length;
        var i = act[..n];
        var o = act.Slice(n, n);
        var f = act.Slice(2 * n, n);
        var g = act.Slice(3 * n, n);
        var di = dGates[..n];
        var dO = dGates.Slice(n, n);
        var df = dGates.Slice(2 * n, n);
        var dg = dGates.Slice(3 * n, n);
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256<float>.One;
            for (; j + 8 <= n; j += 8)
            {
                var vdh = Load(dy, j) + Load(dhRec, j);
                var vt = Load(tc, j);
                var vo = Load(o, j);
                var vi = Load(i, j);
                var vf = Load(f, j);
                var vg = Load(g, j);
                var vdc = Load(dc, j) + (vdh * vo * (one - (vt * vt)));
                Store(vdc * vg * vi * (one - vi), di, j);
                Store(vdh * vt * vo * (one - vo), dO, j);
                Store(vdc * Load(cPrev, j) * vf * (one - vf), df, j);
                Store(vdc * vi * (one - (vg * vg)), dg, j);
                Store(vdc * vf, dc, j);
            }
        }

        for (; j < n; j++)
        {
            var dh = dy[j] + dhRec[j];
            var t = tc[j];
            var dcj = dc[j] + (dh * o[j] * (1 - (t * t)));
            di[j] = dcj * g[j] * i[j] * (1 - i[j]);
            dO[j] = dh * t * o[j] * (1 - o[j]);
            df[j] = dcj * cPrev[j] * f[j] * (1 - f[j]);
            dg[j] = dcj * i[j] * (1 - (g[j] * g[j]));
            dc[j] = dcj * f[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(ReadOnlySpan<float> s, int j) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)j);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> v, Span<float> s, int j) =>
        v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)j);
}
