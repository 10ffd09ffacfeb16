namespace ForecastService.Core.Models;

/// <summary>
/// The human-readable description of a trained model, written by the trainer as <c>model.json</c> beside
/// <c>model.onnx</c> and read by the service. Property names are camelCase in JSON (see <see cref="ModelCardSerializer"/>).
/// </summary>
public sealed record ModelCard
{
    public int ContractVersion { get; init; } = ModelContract.Version;

    public required string Name { get; init; }

    public required int Version { get; init; }

    /// <summary>sensor, energy or finance.</summary>
    public required string Domain { get; init; }

    public required string Description { get; init; }

    /// <summary>What the model is good for.</summary>
    public string? IntendedUse { get; init; }

    /// <summary>Where it is weak; what not to use it for.</summary>
    public string? Limitations { get; init; }

    public required int Lookback { get; init; }

    public required int Horizon { get; init; }

    /// <summary>Text form of <see cref="Time.Frequency"/>, e.g. <c>30min</c>.</summary>
    public required string Frequency { get; init; }

    /// <summary>
    /// Which timestamps the series are observed at, when not every step of <see cref="Frequency"/> (holidays, sessions);
    /// absent on cards of regular models, including every card written before calendars. See models/README.md.
    /// </summary>
    public CalendarSpec? Calendar { get; init; }

    /// <summary>Season length used for seasonal naive and MASE (1 = random walk).</summary>
    public int Seasonality { get; init; } = 1;

    public required IReadOnlyList<double> Quantiles { get; init; }

    /// <summary>Per-step encoder features, e.g. <c>value_scaled, time_of_day_sin, ...</c>.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    public IReadOnlyList<string> Covariates { get; init; } = [];

    /// <summary>lstm, gru or rnn.</summary>
    public required string Cell { get; init; }

    public int Layers { get; init; }

    public int HiddenSize { get; init; }

    public double Dropout { get; init; }

    public long ParameterCount { get; init; }

    /// <summary>How the forecast is built, in words (e.g. the classical forecast the network corrects); null for the plain recipe.</summary>
    public string? Recipe { get; init; }

    /// <summary>How each window is normalised inside the graph, in words.</summary>
    public string? Scaling { get; init; }

    public IReadOnlyList<DataSource> Data { get; init; } = [];

    public TrainingSummary? Training { get; init; }

    /// <summary>Held-out metrics of the model and of seasonal naive on the same windows.</summary>
    public HeldOutMetrics? Metrics { get; init; }

    /// <summary>Whether the model serves stateful streams and with which step model; see models/README.md.</summary>
    public StreamingSupport? Streaming { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>SHA-256 of model.onnx, so a card cannot silently describe another file.</summary>
    public string? OnnxSha256 { get; init; }
}

/// <summary>A model's calendar on its card (see <see cref="Time.SeriesCalendar"/>).</summary>
/// <param name="Kind"><c>regular</c>, <c>business-days</c>, <c>sessions</c> or <c>noleap</c>.</param>
/// <param name="MaxClosedDays">business-days: weekdays in a row that may be absent (default 5).</param>
/// <param name="Slots">sessions: the weekly slots observed, e.g. <c>Mon 09:30-15:30</c> (both ends included).</param>
public sealed record CalendarSpec(string Kind, int? MaxClosedDays = null, IReadOnlyList<string>? Slots = null)
{
    public static CalendarSpec? Of(Time.SeriesCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.IsRegular ? null : new CalendarSpec(calendar.Kind, calendar.MaxClosedDays, calendar.Slots.Count > 0 ? calendar.Slots : null);
    }

    public Time.SeriesCalendar ToCalendar(Time.Frequency frequency) => Time.SeriesCalendar.Create(frequency, Kind, MaxClosedDays, Slots);
}

public sealed record DataSource(string File, string Source, string Sha256, int Series, int Rows);

public sealed record TrainingSummary
{
    public int Epochs { get; init; }

    public int BestEpoch { get; init; }

    public double DurationSeconds { get; init; }

    public int Seed { get; init; }

    public int TrainWindows { get; init; }

    public int ValidationWindows { get; init; }

    public IReadOnlyList<double> TrainLoss { get; init; } = [];

    public IReadOnlyList<double> ValidationLoss { get; init; } = [];
}

/// <summary>Held-out accuracy of the model next to the baselines on the same windows.</summary>
/// <param name="Windows">Held-out windows scored.</param>
/// <param name="Model">The model.</param>
/// <param name="SeasonalNaive">Seasonal naive at the card's <see cref="ModelCard.Seasonality"/>.</param>
/// <param name="Naive">The last value repeated; null on cards written before it was compared.</param>
/// <param name="SeasonalNaiveName">What seasonal naive forecasts, in words (e.g. "same hour last week").</param>
/// <param name="Verdict">In words: whether the model beats both baselines, or which one it loses to and by how much.</param>
public sealed record HeldOutMetrics(
    int Windows,
    ForecastMetrics Model,
    ForecastMetrics SeasonalNaive,
    ForecastMetrics? Naive = null,
    string? SeasonalNaiveName = null,
    string? Verdict = null);

/// <summary>Point and interval accuracy; coverage and width are for the central 80% interval.</summary>
public sealed record ForecastMetrics(double Mase, double Smape, double Mae, double Coverage80, double Width80);

/// <summary>Whether the model can serve stateful streams, and the step model that does it.</summary>
/// <param name="Supported">False for models exported before step models (then the other fields are null).</param>
/// <param name="StepModel">File name of the step model beside model.onnx, normally <c>step.onnx</c>.</param>
/// <param name="Sha256">SHA-256 of the step model, lowercase hex, so a card cannot silently describe another file.</param>
public sealed record StreamingSupport(bool Supported, string? StepModel = null, string? Sha256 = null);
