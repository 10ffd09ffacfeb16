using ForecastService.Trainer.Nn;

namespace ForecastService.Benchmarks.Training;

/// <summary>
/// Matrix-multiply FLOPs (2·m·n·k each) of one training step per window, as the trainer performs them: per layer
/// the input projection and L−1 recurrent products forward; backward the L−1 products with R, the W and R gradients
/// and (above the first layer) the input gradient; and the head forward and backward. Element-wise work
/// (activations, Adam) is not counted, as is usual for achieved-FLOP figures.
/// </summary>
internal static class TrainingFlops
{
    public static double PerWindow(NetworkConfig config)
    {
        double l = config.Lookback;
        double h = config.HiddenSize;
        double g = config.Cell switch
        {
            CellType.Lstm => 4 * h,
            CellType.Gru => 3 * h,
            _ => h,
        };
        double total = 0;
        for (var layer = 0; layer < config.Layers; layer++)
        {
            double input = layer == 0 ? config.InputSize : h;
            total += (2 * l * input * g) + (2 * (l - 1) * h * g);
            total += (2 * (l - 1) * g * h) + (2 * l * input * g) + (2 * (l - 1) * h * g) + (layer > 0 ? 2 * l * g * input : 0);
        }

        double outputs = config.Horizon * config.QuantileCount;
        double head = config.HeadHiddenSize > 0
            ? (config.HeadInputSize * config.HeadHiddenSize) + (config.HeadHiddenSize * outputs)
            : config.HeadInputSize * outputs;
        return total + (3 * 2 * head);
    }
}
