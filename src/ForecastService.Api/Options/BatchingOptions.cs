using System.ComponentModel.DataAnnotations;
using ForecastService.Inference.Batching;

namespace ForecastService.Api.Options;

/// <summary>
/// Dynamic batching of concurrent forecast calls (section <c>Batching</c>): defaults for every model, and per-model
/// overrides under <c>Batching:Models:&lt;name&gt;</c>.
/// </summary>
public sealed class BatchingOptions : IValidatableObject
{
    public const string SectionName = "Batching";
    internal const int MaxBatchSizeLimit = 4096;
    internal const int MaxQueueLengthLimit = 1_000_000;
    internal const int MaxWorkers = 64;

    /// <summary>Whether concurrent calls to one model version share ONNX Runtime calls.</summary>
    /// <value>Default true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Most windows in one ONNX Runtime call; a call with more series is split across runs.</summary>
    /// <value>1 to 4096; default 64.</value>
    [Range(1, MaxBatchSizeLimit, ErrorMessage = "Batching:MaxBatchSize must be between 1 and 4096.")]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// Longest a worker holds a non-full batch open waiting for more windows. Zero runs whatever is queued as soon as a
    /// worker is free, which under load already forms large batches (requests pile up while the previous batch runs).
    /// Timers tick in whole milliseconds, so a positive value below 1 ms waits about 1 ms.
    /// </summary>
    /// <value>0 to 10 s; default 0.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Batching:MaxQueueDelay must be between 00:00:00 and 00:00:10.")]
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Most windows waiting for a run; a call that would pass it gets 503 with Retry-After instead of queueing.</summary>
    /// <value>1 to 1 000 000; default 4096.</value>
    [Range(1, MaxQueueLengthLimit, ErrorMessage = "Batching:MaxQueueLength must be between 1 and 1000000.")]
    public int MaxQueueLength { get; set; } = 4096;

    /// <summary>
    /// Threads that run batches per model version. One keeps a core free for HTTP and JSON on a small machine; more
    /// help when one ONNX Runtime call cannot use the cores (IntraOpThreads 1) and there are cores to spare.
    /// </summary>
    /// <value>1 to 64; default 1.</value>
    [Range(1, MaxWorkers, ErrorMessage = "Batching:Workers must be between 1 and 64.")]
    public int Workers { get; set; } = 1;

    /// <summary>Per-model overrides, keyed by model name.</summary>
    public Dictionary<string, BatchingOverrides> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings for model <paramref name="name"/>: its overrides over the defaults.</summary>
    internal BatchingSettings For(string name)
    {
        Models.TryGetValue(name, out var o);
        return new BatchingSettings(
            o?.Enabled ?? Enabled,
            o?.MaxBatchSize ?? MaxBatchSize,
            o?.MaxQueueDelay ?? MaxQueueDelay,
            o?.MaxQueueLength ?? MaxQueueLength,
            o?.Workers ?? Workers);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, overrides) in Models)
        {
            var results = new List<ValidationResult>();
            if (overrides is not null && !Validator.TryValidateObject(overrides, new ValidationContext(overrides), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    var member = result.MemberNames.FirstOrDefault() ?? "?";
                    yield return new ValidationResult($"Batching:Models:{name}:{member} is out of range: {result.ErrorMessage}", [nameof(Models)]);
                }
            }
        }
    }
}
