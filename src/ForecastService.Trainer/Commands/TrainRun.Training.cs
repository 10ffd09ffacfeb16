using ForecastService.Trainer.Data;

namespace ForecastService.Trainer.Commands;

internal sealed partial class TrainRun
{
    // The network and exporter land separately (issue 3); until then only --dry-run is available.
    private int TrainAndWrite(PreparedData prepared, CancellationToken cancellationToken)
    {
        _ = prepared;
        cancellationToken.ThrowIfCancellationRequested();
        _ = time;
        throw new ConfigException("training is not available in this build yet; use --dry-run to check a configuration and its data");
    }
}
