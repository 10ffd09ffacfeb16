namespace ForecastService.OnnxWriting.Tests;

/// <summary>One gate's weights in the test's own layout: input weights W [H, I], recurrent weights R [H, H], and two biases.</summary>
internal sealed record GateWeights(float[] W, float[] R, float[] Wb, float[] Rb)
{
    public static GateWeights Random(Random random, int hidden, int input) =>
        new(Uniform(random, hidden * input), Uniform(random, hidden * hidden), Uniform(random, hidden), Uniform(random, hidden));

    /// <summary>Concatenates gates in the given order into ONNX's W [1, G·H, I], R [1, G·H, H] and B [1, 2·G·H] (all Wb, then all Rb).</summary>
    public static (float[] W, float[] R, float[] B) PackOnnx(params GateWeights[] gatesInOnnxOrder) =>
        (
            [.. gatesInOnnxOrder.SelectMany(g => g.W)],
            [.. gatesInOnnxOrder.SelectMany(g => g.R)],
            [.. gatesInOnnxOrder.SelectMany(g => g.Wb), .. gatesInOnnxOrder.SelectMany(g => g.Rb)]);

    public static float[] Uniform(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    /// <summary>W·x + R·h + Wb + Rb for hidden unit <paramref name="unit"/>, in double.</summary>
    public double Preactivation(int unit, ReadOnlySpan<double> x, ReadOnlySpan<double> h) =>
        InputPart(unit, x) + RecurrentPart(unit, h) + Wb[unit] + Rb[unit];

    public double InputPart(int unit, ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (var k = 0; k < x.Length; k++)
        {
            sum += W[(unit * x.Length) + k] * x[k];
        }

        return sum;
    }

    public double RecurrentPart(int unit, ReadOnlySpan<double> h)
    {
        double sum = 0;
        for (var j = 0; j < h.Length; j++)
        {
            sum += R[(unit * h.Length) + j] * h[j];
        }

        return sum;
    }
}
