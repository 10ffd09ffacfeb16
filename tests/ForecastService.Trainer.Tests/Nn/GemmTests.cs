using ForecastService.Trainer.Nn.Kernels;

namespace ForecastService.Trainer.Tests.Nn;

public class GemmTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 16, 3)]
    [InlineData(7, 37, 5)]
    [InlineData(9, 8, 0)]
    [InlineData(33, 64, 17)]
    [InlineData(70, 40, 600)]
    public void MultiplyNN_OddShapes_MatchesNaiveProduct(int m, int n, int k)
    {
        var rng = new Random(m + (n * 7) + (k * 13));
        var a = RandomArray(rng, m * k);
        var b = RandomArray(rng, k * n);
        var c = RandomArray(rng, m * n);
        var expected = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = c[(i * n) + j];
                for (var p = 0; p < k; p++)
                {
                    sum += (double)a[(i * k) + p] * b[(p * n) + j];
                }

                expected[(i * n) + j] = sum;
            }
        }

        Gemm.MultiplyNN(a, k, b, n, c, n, m, n, k, accumulate: true);
        AssertClose(expected, c);
    }

    [Theory]
    [InlineData(3, 5, 7)]
    [InlineData(16, 40, 9)]
    [InlineData(5, 256, 64)]
    [InlineData(67, 24, 531)]
    public void MultiplyTN_OddShapes_MatchesNaiveProductOfTranspose(int m, int n, int k)
    {
        var rng = new Random(m + (n * 3) + k);
        var a = RandomArray(rng, k * m);
        var b = RandomArray(rng, k * n);
        var c = new float[m * n];
        var expected = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++)
                {
                    sum += (double)a[(p * m) + i] * b[(p * n) + j];
                }

                expected[(i * n) + j] = sum;
            }
        }

        Gemm.MultiplyTN(a, m, b, n, c, n, m, n, k, accumulate: false);
        AssertClose(expected, c);
    }

    private static float[] RandomArray(Random rng, int length)
    {
        var x = new float[length];
        for (var i = 0; i < length; i++)
        {
            x[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return x;
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4 * (1 + Math.Abs(expected[i])), $"Element {i}: expected {expected[i]}, got {actual[i]}.");
        }
    }
}
