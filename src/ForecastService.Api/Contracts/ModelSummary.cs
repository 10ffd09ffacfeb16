namespace ForecastService.Api.Contracts;

/// <summary>A model in the repository, as <c>GET /v1/models</c> lists it.</summary>
public record ModelSummary
{
    /// <example>energy-load</example>
    public required string Name { get; init; }

    /// <summary>sensor, energy or finance.</summary>
    public string? Domain { get; init; }

    public string? Description { get; init; }

    /// <summary>The version a call without a version gets: the highest one that loaded. Null when none did.</summary>
    public int? Version { get; init; }

    /// <summary>Every version found, loaded or failed, ascending.</summary>
    public required IReadOnlyList<int> Versions { get; init; }

    /// <summary><c>ready</c> when a version serves, <c>failed</c> when none loaded.</summary>
    public required string Status { get; init; }

    /// <summary>Points the model reads: each series needs at least this many.</summary>
    public int? Lookback { get; init; }

    /// <summary>The most steps one call can forecast.</summary>
    public int? Horizon { get; init; }

    /// <summary>Spacing of the series: 10min, 30min, 1h, 1d, 1bd, 1w or 1mo.</summary>
    public string? Frequency { get; init; }

    /// <summary>The quantile levels every forecast carries.</summary>
    public IReadOnlyList<double>? Quantiles { get; init; }

    /// <summary>The interval levels (percent) that can be asked for in <c>levels</c>.</summary>
    public IReadOnlyList<double>? Levels { get; init; }

    /// <summary>
    /// Whether the serving version supports stateful streaming (<c>POST /v1/streams</c>): true when it loaded with a
    /// step model. Null when no version serves.
    /// </summary>
    public bool? Streaming { get; init; }

    /// <summary>Where the serving version runs: CPU or CUDA.</summary>
    public string? ExecutionProvider { get; init; }

    /// <summary>Versions that failed to load and why; they are not served.</summary>
    public IReadOnlyList<VersionFailure>? Failures { get; init; }
}
