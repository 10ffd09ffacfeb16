using ForecastService.Core.Models;

namespace ForecastService.Api.Contracts;

/// <summary>One model, as <c>GET /v1/models/{name}</c> shows it: the summary plus the card's metrics and notes.</summary>
public sealed record ModelDetails : ModelSummary
{
    /// <summary>Held-out accuracy of the serving version and of seasonal naive on the same windows.</summary>
    public HeldOutMetrics? Metrics { get; init; }

    public string? IntendedUse { get; init; }

    public string? Limitations { get; init; }

    /// <summary>lstm, gru or rnn.</summary>
    public string? Cell { get; init; }

    public long? ParameterCount { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }
}
