using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ForecastService.Api.Json;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Core.Forecasting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Tests.Json;

/// <summary>
/// The converter must write exactly what the source-generated serializer wrote before it: the expected text comes
/// from <see cref="DefaultForecastJsonContext"/>, the same options without the converter.
/// </summary>
public sealed class SeriesForecastJsonConverterTests : IDisposable
{
    private readonly FixtureRepository _repository = FixtureRepository.With(FixtureModel.Hourly());

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Write_ColumnsSharedAndNot_MatchesDefaultSerializer()
    {
        var random = new Random(13);
        float[] Column() => [.. Enumerable.Range(0, 48).Select(_ => RandomFinite(random))];
        float[] edges = [0f, -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1.17549435E-38f, 0.1f, 1f / 3, 123456.79f, 1e7f, 1e-7f, 16777217f, float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        var low = Column();
        var mid = Column();
        var high = Column();
        var quantiles = new Dictionary<string, ReadOnlyMemory<float>> { ["0.05"] = low, ["0.5"] = mid, ["0.95"] = high, ["0.99"] = edges };
        SeriesForecast[] forecasts =
        [
            new("a\"<é>", ["2026-03-02T00:00:00Z", "2026-03-02T00:30:00Z"], mid, quantiles, [new(90, low, high), new(98, edges, high)]),

            // Arrays that are not quantile columns are formatted on their own; a null id is left out.
            new(null!, [], Column(), new Dictionary<string, ReadOnlyMemory<float>> { ["0.5"] = Column() }, [new(12.5, Column(), Column()), new(0, ReadOnlyMemory<float>.Empty, ReadOnlyMemory<float>.Empty)]),
        ];
        var response = new ForecastResponse("energy-load", 3, "CPU", forecasts);

        var written = JsonSerializer.Serialize(response, ForecastJsonContext.Default.ForecastResponse);

        Assert.Equal(JsonSerializer.Serialize(response, DefaultForecastJsonContext.Default.ForecastResponse), written);
    }

    [Fact]
    public async Task Forecast_Response_IsWhatTheDefaultSerializerWrites()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        var body = Requests.Body(Requests.Series("a", Requests.Wave(24)), Requests.Series("b", Requests.Wave(24, level: 7.3)));
        body["levels"] = new JsonArray(80);

        using var response = await client.PostAsync("/v1/models/energy-load/forecast", Requests.Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var http = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        Assert.IsType<SeriesForecastJsonConverter>(http.GetTypeInfo(typeof(SeriesForecast)).Converter);

        // Floats round-trip exactly, so reading the answer back and writing it the default way must give the same text.
        var read = JsonSerializer.Deserialize(text, DefaultForecastJsonContext.Default.ForecastResponse)!;
        Assert.Equal(2, read.Forecasts.Count);
        Assert.Equal(JsonSerializer.Serialize(read, DefaultForecastJsonContext.Default.ForecastResponse), text);
    }

    private static float RandomFinite(Random random)
    {
        while (true)
        {
            var value = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
            if (float.IsFinite(value))
            {
                return value;
            }
        }
    }
}

/// <summary>The options of <see cref="ForecastJsonContext"/> without its converter: what responses looked like before.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ForecastResponse))]
internal sealed partial class DefaultForecastJsonContext : JsonSerializerContext;
