using ForecastService.Trainer.Nn;

namespace ForecastService.Trainer.Tests.Nn;

public class NetworkGradientTests
{
    private const int Rows = 3;
    private const int Lookback = 5;
    private const int Horizon = 2;
    private const int Covariates = 2;

    public static TheoryData<CellType, int, int, int, float> Shapes => new()
    {
        // Hidden sizes of 3 run the scalar paths; 11 (44 LSTM gates) runs the 16- and 8-wide vector kernels plus a scalar tail.
        { CellType.Lstm, 1, 3, 0, 0f },
        { CellType.Lstm, 2, 3, 4, 0f },
        { CellType.Lstm, 3, 3, 0, 0.3f },
        { CellType.Lstm, 2, 11, 5, 0.2f },
        { CellType.Gru, 1, 3, 0, 0f },
        { CellType.Gru, 2, 3, 4, 0.3f },
        { CellType.Gru, 2, 11, 0, 0f },
        { CellType.Rnn, 1, 3, 4, 0f },
        { CellType.Rnn, 2, 3, 0, 0.3f },
        { CellType.Rnn, 1, 11, 0, 0f },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_TinyNetwork_MatchesCentralFiniteDifferences(CellType cell, int layers, int hidden, int headHidden, float dropout)
    {
        var config = new NetworkConfig(cell, layers, hidden, dropout, Lookback, Horizon, Covariates, [0.1f, 0.5f, 0.9f], headHidden);
        var network = new ForecastNetwork(config, seed: 7);
        var windows = SyntheticWindows.Random(Rows, Lookback, Horizon, Covariates, seed: 11, level: 5, spread: 2);
        var rng = new Random(3);
        var weights = new float[Rows * Horizon * config.QuantileCount];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        // A fixed dropout context gives the same masks on every evaluation, so the objective stays a smooth function.
        DropoutContext? context = dropout > 0 ? new DropoutContext(dropout, Seed: 1, Step: 0) : null;
        var pass = new NetworkPass(network, Rows);

        // The objective Σ w·q is smooth, unlike pinball loss, so finite differences are exact up to rounding;
        // the pinball loss's own derivative is checked in PinballLossTests.
        double Objective()
        {
            pass.Forward(windows, null, 0, Rows, context);
            var q = pass.ScaledQuantiles;
            double sum = 0;
            for (var i = 0; i < q.Length; i++)
            {
                sum += weights[i] * (double)q[i];
            }

            return sum;
        }

        pass.Forward(windows, null, 0, Rows, context);
        pass.SetOutputGradient(weights);
        var gradient = new float[network.ParameterCount];
        pass.Backward(gradient, 1f);

        var parameters = network.Parameters;
        const float Epsilon = 1e-2f;
        var worst = 0.0;
        var worstIndex = -1;
        var kinks = 0;
        var center = Objective();
        for (var i = 0; i < parameters.Length; i++)
        {
            var saved = parameters[i];
            parameters[i] = saved + Epsilon;
            network.ParametersChanged();
            var plus = Objective();
            parameters[i] = saved - Epsilon;
            network.ParametersChanged();
            var minus = Objective();
            parameters[i] = saved;
            network.ParametersChanged();
            var numeric = (plus - minus) / (2 * Epsilon);

            // A ReLU of the head crossing zero inside ±ε makes the one-sided slopes disagree: no derivative there.
            var right = (plus - center) / Epsilon;
            var left = (center - minus) / Epsilon;
            if (Math.Abs(right - left) > 1e-3 + (0.05 * (Math.Abs(right) + Math.Abs(left))))
            {
                kinks++;
                continue;
            }

            var error = Math.Abs(numeric - gradient[i]) / (2e-3 + Math.Abs(numeric));
            if (error > worst)
            {
                worst = error;
                worstIndex = i;
            }
        }

        Assert.True(kinks <= parameters.Length / 50, $"{kinks} of {parameters.Length} parameters sit at a kink.");
        Assert.True(worst < 2e-2, $"Worst relative gradient error {worst:G3} at parameter {worstIndex} of {parameters.Length}.");
    }

    [Fact]
    public void Backward_AllParameters_ReceiveGradient()
    {
        // Guards against a tensor silently left out of backpropagation (a finite-difference check over a tensor
        // whose gradient and effect are both zero would pass).
        var config = new NetworkConfig(CellType.Lstm, 2, 4, 0f, Lookback, Horizon, Covariates, [0.25f, 0.5f, 0.75f], 3);
        var network = new ForecastNetwork(config, seed: 5);
        var windows = SyntheticWindows.Random(Rows, Lookback, Horizon, Covariates, seed: 2, level: -3, spread: 4);
        var pass = new NetworkPass(network, Rows);
        pass.Forward(windows, null, 0, Rows, null);
        pass.Loss(windows, null, 0);
        var gradient = new float[network.ParameterCount];
        pass.Backward(gradient, 1f);
        foreach (var name in new[] { "W0", "R0", "B0", "W1", "R1", "B1", "head.hidden.weight", "head.hidden.bias", "head.output.weight", "head.output.bias" })
        {
            var (offset, length) = network.TensorSlot(name);
            Assert.Contains(gradient.AsSpan(offset, length).ToArray(), g => g != 0);
        }
    }
}
