using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ForecastService.Trainer.Nn.Kernels;

/// <summary>
/// Single-precision matrix multiply C[M,N] (+)= op(A)[M,K] × B[K,N] with B and C row-major and A addressed through
/// two strides, so the same register-blocked kernel serves A×B (A row-major) and Aᵀ×B (A stored [K,M]).
/// </summary>
/// <remarks>
/// Every element of C is accumulated over k in ascending order with fused multiply-adds, whatever block it falls in:
/// a row's result therefore does not depend on how many rows are multiplied with it, which keeps predictions
/// independent of batch composition and training bitwise reproducible across thread counts.
/// </remarks>
internal static unsafe class Gemm
{
    private const int Mr = 4;
    private const int Nr = 16;
    private const int Kc = 256;
    private const int Mc = 64;

    /// <summary>C[M,N] (+)= A[M,K] × B[K,N]; A row-major with leading dimension <paramref name="lda"/>.</summary>
    public static void MultiplyNN(
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int m, int n, int k, bool accumulate)
    {
        Check(a, (m - 1L) * lda + k, b, (k - 1L) * ldb + n, c, (m - 1L) * ldc + n, m, n, k);
        fixed (float* pa = a, pb = b, pc = c)
        {
            Multiply(pa, lda, 1, pb, ldb, pc, ldc, m, n, k, accumulate);
        }
    }

    /// <summary>C[M,N] (+)= Aᵀ × B[K,N] where A is stored row-major as [K,M] with leading dimension <paramref name="lda"/>.</summary>
    public static void MultiplyTN(
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int m, int n, int k, bool accumulate)
    {
        Check(a, (k - 1L) * lda + m, b, (k - 1L) * ldb + n, c, (m - 1L) * ldc + n, m, n, k);
        fixed (float* pa = a, pb = b, pc = c)
        {
            Multiply(pa, 1, lda, pb, ldb, pc, ldc, m, n, k, accumulate);
        }
    }

    private static void Check(ReadOnlySpan<float> a, long aNeed, ReadOnlySpan<float> b, long bNeed, Span<float> c, long cNeed, int m, int n, int k)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }

        if (c.Length < cNeed || (k > 0 && (a.Length < aNeed || b.Length < bNeed)))
        {
            throw new ArgumentException("A matrix span is shorter than its shape needs.");
        }
    }

    /// <summary>
    /// Cache blocking: K in slices of <see cref="Kc"/> (outermost) and M in blocks of <see cref="Mc"/> rows, so a
    /// 16-column B panel (Kc×16 floats, 16 KiB) and an A block stay in L1/L2 while they are reused. Partial sums go
    /// through C between K slices; a float store and reload is exact, so every element still sees the same sequence
    /// of fused multiply-adds as without blocking.
    /// </summary>
    private static void Multiply(float* a, int aRow, int aCol, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }

        if (k <= 0)
        {
            if (!accumulate)
            {
                for (var i = 0; i < m; i++)
                {
                    new Span<float>(c + (i * ldc), n).Clear();
                }
            }

            return;
        }

        for (var k0 = 0; k0 < k; k0 += Kc)
        {
            var kc = Math.Min(Kc, k - k0);
            for (var i0 = 0; i0 < m; i0 += Mc)
            {
                var mc = Math.Min(Mc, m - i0);
                MultiplyBlock(a + (i0 * aRow) + (k0 * aCol), aRow, aCol, b + (k0 * ldb), ldb, c + (i0 * ldc), ldc, mc, n, kc, accumulate || k0 > 0);
            }
        }
    }

    private static void MultiplyBlock(float* a, int aRow, int aCol, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate)
    {
        var j = 0;
        for (; j + Nr <= n; j += Nr)
        {
            var i = 0;
            for (; i + Mr <= m; i += Mr)
            {
                Kernel4x16(a + (i * aRow), aRow, aCol, b + j, ldb, c + (i * ldc) + j, ldc, k, accumulate);
            }

            for (; i < m; i++)
            {
                Kernel1x16(a + (i * aRow), aCol, b + j, ldb, c + (i * ldc) + j, k, accumulate);
            }
        }

        for (; j + 8 <= n; j += 8)
        {
            for (var i = 0; i < m; i++)
            {
                Kernel1x8(a + (i * aRow), aCol, b + j, ldb, c + (i * ldc) + j, k, accumulate);
            }
        }

        for (; j < n; j++)
        {
            for (var i = 0; i < m; i++)
            {
                var ai = a + (i * aRow);
                var sum = accumulate ? c[(i * ldc) + j] : 0f;
                for (var p = 0; p < k; p++)
                {
                    sum = MathF.FusedMultiplyAdd(ai[p * aCol], b[(p * ldb) + j], sum);
                }

                c[(i * ldc) + j] = sum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fma(Vector256<float> x, Vector256<float> y, Vector256<float> acc) =>
        Vector256.FusedMultiplyAdd(x, y, acc);

    private static void Kernel4x16(float* a, int aRow, int aCol, float* b, int ldb, float* c, int ldc, int k, bool accumulate)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (accumulate)
        {
            c00 = Vector256.Load(c);
            c01 = Vector256.Load(c + 8);
            c10 = Vector256.Load(c + ldc);
            c11 = Vector256.Load(c + ldc + 8);
            c20 = Vector256.Load(c + (2 * ldc));
            c21 = Vector256.Load(c + (2 * ldc) + 8);
            c30 = Vector256.Load(c + (3 * ldc));
            c31 = Vector256.Load(c + (3 * ldc) + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<float>.Zero;
        }

        var a1 = a + aRow;
        var a2 = a + (2 * aRow);
        var a3 = a + (3 * aRow);
        for (var p = 0; p < k; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            b += ldb;
            var off = p * aCol;
            var x = Vector256.Create(a[off]);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = Vector256.Create(a1[off]);
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = Vector256.Create(a2[off]);
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = Vector256.Create(a3[off]);
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
        }

        c00.Store(c);
        c01.Store(c + 8);
        c10.Store(c + ldc);
        c11.Store(c + ldc + 8);
        c20.Store(c + (2 * ldc));
        c21.Store(c + (2 * ldc) + 8);
        c30.Store(c + (3 * ldc));
        c31.Store(c + (3 * ldc) + 8);
    }

    private static void Kernel1x16(float* a, int aCol, float* b, int ldb, float* c, int k, bool accumulate)
    {
        var c0 = accumulate ? Vector256.Load(c) : Vector256<float>.Zero;
        var c1 = accumulate ? Vector256.Load(c + 8) : Vector256<float>.Zero;
        for (var p = 0; p < k; p++)
        {
            var x = Vector256.Create(a[p * aCol]);
            c0 = Fma(x, Vector256.Load(b), c0);
            c1 = Fma(x, Vector256.Load(b + 8), c1);
            b += ldb;
        }

        c0.Store(c);
        c1.Store(c + 8);
    }

    private static void Kernel1x8(float* a, int aCol, float* b, int ldb, float* c, int k, bool accumulate)
    {
        var c0 = accumulate ? Vector256.Load(c) : Vector256<float>.Zero;
        for (var p = 0; p < k; p++)
        {
            c0 = Fma(Vector256.Create(a[p * aCol]), Vector256.Load(b), c0);
            b += ldb;
        }

        c0.Store(c);
    }
}
