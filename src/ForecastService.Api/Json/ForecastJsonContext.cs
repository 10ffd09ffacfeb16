using System.Text.Json;
using System.Text.Json.Serialization;
using ForecastService.Api.Contracts;
using ForecastService.Core.Analysis;
using ForecastService.Core.Forecasting;

namespace ForecastService.Api.Json;

/// <summary>
/// Source-generated (de)serializers for every request and response body: no reflection on the hot path. Unknown
/// fields are refused so a misspelt <c>horizn</c> is an error, not a silently ignored option. <c>NaN</c> and
/// <c>Infinity</c> are read as numbers so validation can name the field that holds them. Forecasts are written by
/// <see cref="SeriesForecastJsonConverter"/>, which formats each quantile column once.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SeriesForecastJsonConverter)])]
[JsonSerializable(typeof(ForecastRequest))]
[JsonSerializable(typeof(ForecastResponse))]
[JsonSerializable(typeof(ModelSummary[]))]
[JsonSerializable(typeof(ModelDetails))]
[JsonSerializable(typeof(ReadinessReport))]
[JsonSerializable(typeof(BacktestRequest))]
[JsonSerializable(typeof(BacktestResponse))]
[JsonSerializable(typeof(AnomalyRequest))]
[JsonSerializable(typeof(AnomalyResponse))]
[JsonSerializable(typeof(StreamCreateRequest))]
[JsonSerializable(typeof(StreamObservationRequest))]
[JsonSerializable(typeof(StreamResponse))]
internal sealed partial class ForecastJsonContext : JsonSerializerContext;
