using System.Globalization;
using ForecastService.Inference;

namespace ForecastService.OnnxWriting.Tests;

internal static class TensorAssert
{
    public static void Close(IReadOnlyList<double> expected, FloatTensor actual, long[] expectedShape, double tolerance)
    {
        Assert.Equal(expectedShape, actual.Shape);
        Assert.Equal(expected.Count, actual.Data.Length);
        var worst = 0.0;
        var worstIndex = -1;
        for (var i = 0; i < expected.Count; i++)
        {
            var diff = Math.Abs(expected[i] - actual.Data[i]);
            if (!(diff <= worst))
            {
                worst = diff;
                worstIndex = i;
            }
        }

        Assert.True(
            worst <= tolerance,
            string.Create(CultureInfo.InvariantCulture, $"max |diff| {worst:E3} at {worstIndex} exceeds {tolerance:E1}: expected {(worstIndex >= 0 ? expected[worstIndex] : 0)}, got {(worstIndex >= 0 ? actual.Data[worstIndex] : 0)}"));
    }

    public static void Close(IReadOnlyList<float> expected, FloatTensor actual, long[] expectedShape, double tolerance) =>
        Close([.. expected.Select(v => (double)v)], actual, expectedShape, tolerance);
}
