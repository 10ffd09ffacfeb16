namespace ForecastService.OnnxWriting.Tests;

/// <summary>
/// Recurrent cells written out from their gate equations, in double, as independent expectations for ONNX Runtime.
/// Inputs x are [seq, batch, input]; states are [batch, hidden]; Y is [seq, batch, hidden] (ONNX's num_directions axis of 1 dropped).
/// </summary>
internal static class RecurrentReference
{
    public static (double[] Y, double[] H, double[] C) Lstm(
        float[] x, int seq, int batch, int input, int hidden,
        GateWeights i, GateWeights f, GateWeights g, GateWeights o,
        float[] h0, float[] c0)
    {
        var h = Array.ConvertAll(h0, v => (double)v);
        var c = Array.ConvertAll(c0, v => (double)v);
        var y = new double[seq * batch * hidden];
        for (var t = 0; t < seq; t++)
        {
            var nextH = new double[batch * hidden];
            for (var b = 0; b < batch; b++)
            {
                var xt = Row(x, ((t * batch) + b) * input, input);
                var hPrev = h.AsSpan(b * hidden, hidden);
                for (var u = 0; u < hidden; u++)
                {
                    var inputGate = Sigmoid(i.Preactivation(u, xt, hPrev));
                    var forgetGate = Sigmoid(f.Preactivation(u, xt, hPrev));
                    var candidate = Math.Tanh(g.Preactivation(u, xt, hPrev));
                    var outputGate = Sigmoid(o.Preactivation(u, xt, hPrev));
                    var cell = (forgetGate * c[(b * hidden) + u]) + (inputGate * candidate);
                    c[(b * hidden) + u] = cell;
                    nextH[(b * hidden) + u] = outputGate * Math.Tanh(cell);
                }
            }

            h = nextH;
            h.CopyTo(y, t * batch * hidden);
        }

        return (y, h, c);
    }

    public static (double[] Y, double[] H) Gru(
        float[] x, int seq, int batch, int input, int hidden,
        GateWeights z, GateWeights r, GateWeights n, bool linearBeforeReset, float[] h0)
    {
        var h = Array.ConvertAll(h0, v => (double)v);
        var y = new double[seq * batch * hidden];
        for (var t = 0; t < seq; t++)
        {
            var nextH = new double[batch * hidden];
            for (var b = 0; b < batch; b++)
            {
                var xt = Row(x, ((t * batch) + b) * input, input);
                var hPrev = h.AsSpan(b * hidden, hidden);
                var reset = new double[hidden];
                for (var u = 0; u < hidden; u++)
                {
                    reset[u] = Sigmoid(r.Preactivation(u, xt, hPrev));
                }

                var resetHidden = new double[hidden];
                for (var j = 0; j < hidden; j++)
                {
                    resetHidden[j] = reset[j] * hPrev[j];
                }

                for (var u = 0; u < hidden; u++)
                {
                    var update = Sigmoid(z.Preactivation(u, xt, hPrev));
                    var candidate = linearBeforeReset
                        ? Math.Tanh(n.InputPart(u, xt) + n.Wb[u] + (reset[u] * (n.RecurrentPart(u, hPrev) + n.Rb[u])))
                        : Math.Tanh(n.InputPart(u, xt) + n.Wb[u] + n.RecurrentPart(u, resetHidden) + n.Rb[u]);
                    nextH[(b * hidden) + u] = ((1 - update) * candidate) + (update * hPrev[u]);
                }
            }

            h = nextH;
            h.CopyTo(y, t * batch * hidden);
        }

        return (y, h);
    }

    public static (double[] Y, double[] H) Rnn(float[] x, int seq, int batch, int input, int hidden, GateWeights cell, float[] h0)
    {
        var h = Array.ConvertAll(h0, v => (double)v);
        var y = new double[seq * batch * hidden];
        for (var t = 0; t < seq; t++)
        {
            var nextH = new double[batch * hidden];
            for (var b = 0; b < batch; b++)
            {
                var xt = Row(x, ((t * batch) + b) * input, input);
                var hPrev = h.AsSpan(b * hidden, hidden);
                for (var u = 0; u < hidden; u++)
                {
                    nextH[(b * hidden) + u] = Math.Tanh(cell.Preactivation(u, xt, hPrev));
                }
            }

            h = nextH;
            h.CopyTo(y, t * batch * hidden);
        }

        return (y, h);
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static double[] Row(float[] x, int offset, int length) => Array.ConvertAll(x[offset..(offset + length)], v => (double)v);
}
