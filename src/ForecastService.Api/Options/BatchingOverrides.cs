using System.ComponentModel.DataAnnotations;

namespace ForecastService.Api.Options;

/// <summary>One model's departures from the <see cref="BatchingOptions"/> defaults (section <c>Batching:Models:&lt;name&gt;</c>); unset keys inherit.</summary>
public sealed class BatchingOverrides
{
    /// <inheritdoc cref="BatchingOptions.Enabled"/>
    public bool? Enabled { get; set; }

    /// <inheritdoc cref="BatchingOptions.MaxBatchSize"/>
    [Range(1, BatchingOptions.MaxBatchSizeLimit)]
    public int? MaxBatchSize { get; set; }

    /// <inheritdoc cref="BatchingOptions.MaxQueueDelay"/>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan? MaxQueueDelay { get; set; }

    /// <inheritdoc cref="BatchingOptions.MaxQueueLength"/>
    [Range(1, BatchingOptions.MaxQueueLengthLimit)]
    public int? MaxQueueLength { get; set; }

    /// <inheritdoc cref="BatchingOptions.Workers"/>
    [Range(1, BatchingOptions.MaxWorkers)]
    public int? Workers { get; set; }
}
