using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Core.Models;

namespace ForecastService.Api.Tests.Calendars;

/// <summary>
/// Series whose calendars have gaps go through the real trainer, its ONNX export and the real service: holidays and
/// the weekend break are accepted as they are, forecasts follow the calendar, and true missing readings are refused.
/// </summary>
public sealed class CalendarForecastTests : IClassFixture<CalendarModels>, IDisposable
{
    private readonly CalendarModels _models;
    private readonly ApiFactory _factory;
    private readonly HttpClient _client;

    public CalendarForecastTests(CalendarModels models)
    {
        _models = models;
        _factory = new ApiFactory(models.Root);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public void Train_BusinessDaysWithHolidays_CardSaysBusinessDays()
    {
        Assert.True(_models.BusinessDayTraining.ExitCode == 0, _models.BusinessDayTraining.Output);
        var card = ModelCardSerializer.Load(Path.Combine(_models.Root, CalendarModels.BusinessDayModel, "1", ModelContract.CardFileName));

        Assert.Equal("1bd", card.Frequency);
        Assert.Equal(new CalendarSpec("business-days", 5), card.Calendar);
    }

    [Fact]
    public void Train_HalfHoursWithWeekendBreak_CardListsTheSessions()
    {
        Assert.True(_models.SessionTraining.ExitCode == 0, _models.SessionTraining.Output);
        var card = ModelCardSerializer.Load(Path.Combine(_models.Root, CalendarModels.SessionModel, "1", ModelContract.CardFileName));

        Assert.Equal("30min", card.Frequency);
        Assert.Equal("sessions", card.Calendar!.Kind);
        Assert.Equal(["Mon 00:00-23:30", "Tue 00:00-23:30", "Wed 00:00-23:30", "Thu 00:00-23:30", "Fri 00:00-21:30", "Sun 22:00-23:30"], card.Calendar.Slots);
    }

    [Fact]
    public async Task Forecast_BusinessDaysAcrossThanksgiving_SkipsTheWeekend()
    {
        // 25 trading days up to Thursday 29 November 2001; Thursday 22 November (Thanksgiving) is absent.
        var days = CalendarModels.TradingDays(new DateTime(2001, 10, 20), new DateTime(2001, 11, 29)).TakeLast(25).ToArray();
        Assert.DoesNotContain(new DateTime(2001, 11, 22), days);

        var forecast = await ForecastAsync(CalendarModels.BusinessDayModel, days);

        Assert.Equal(
            ["2001-11-30T00:00:00Z", "2001-12-03T00:00:00Z", "2001-12-04T00:00:00Z", "2001-12-05T00:00:00Z", "2001-12-06T00:00:00Z"],
            Timestamps(forecast));
    }

    [Fact]
    public async Task Forecast_BusinessDaysOverSeptember2001Closure_Accepted()
    {
        var days = CalendarModels.TradingDays(new DateTime(2001, 8, 1), new DateTime(2001, 9, 20)).TakeLast(20).ToArray();

        var forecast = await ForecastAsync(CalendarModels.BusinessDayModel, days);

        // Thursday 20 September, then Friday and the next week.
        Assert.Equal("2001-09-21T00:00:00Z", Timestamps(forecast)[0]);
        Assert.Equal("2001-09-24T00:00:00Z", Timestamps(forecast)[1]);
    }

    [Fact]
    public async Task Forecast_BusinessDaysWithTwoWeeksMissing_RefusedAsMissingReadings()
    {
        var days = CalendarModels.TradingDays(new DateTime(2001, 5, 1), new DateTime(2001, 6, 29))
            .Where(d => d < new DateTime(2001, 6, 4) || d > new DateTime(2001, 6, 15)).TakeLast(25).ToArray();

        var response = await _client.PostAsync($"/v1/models/{CalendarModels.BusinessDayModel}/forecast", Body(days));

        var index = Array.IndexOf(days, new DateTime(2001, 6, 18));
        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", $"series[0].timestamps[{index}]");
        Assert.Contains("fill the missing readings", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_BusinessDaysWithSaturday_Refused()
    {
        DateTime[] days = [.. CalendarModels.TradingDays(new DateTime(2001, 3, 1), new DateTime(2001, 3, 30)).TakeLast(19), new DateTime(2001, 3, 31)];

        var response = await _client.PostAsync($"/v1/models/{CalendarModels.BusinessDayModel}/forecast", Body(days));

        await ProblemAssert.IsProblem(response, 400, "invalid-request", "series[0].timestamps[19]");
    }

    [Fact]
    public async Task ExampleHistory_BusinessDayModel_ServesItsHistoryWithHolidayGaps()
    {
        var history = JsonNode.Parse(await _client.GetStringAsync($"/v1/models/{CalendarModels.BusinessDayModel}/example-history"))!;

        // history.json (lookback 20 + 5 horizons of 5, up to the data's end) rather than the 20-value example.json.
        var timestamps = history["series"]![0]!["timestamps"]!.AsArray().Select(t => (string)t!).ToArray();
        Assert.Equal(45, timestamps.Length);
        Assert.Contains("2001-12-24T00:00:00Z", timestamps);
        Assert.DoesNotContain("2001-12-25T00:00:00Z", timestamps);
        Assert.Equal("2001-12-26T00:00:00Z", timestamps[Array.IndexOf(timestamps, "2001-12-24T00:00:00Z") + 1]);
    }

    [Fact]
    public async Task Forecast_SessionsBeforeFridayClose_ContinueOnSundayEvening()
    {
        var slots = CalendarModels.FxHalfHours(new DateTime(2026, 2, 15, 22, 0, 0), new DateTime(2026, 2, 20, 21, 0, 0)).TakeLast(CalendarModels.SessionLookback).ToArray();
        Assert.Equal(new DateTime(2026, 2, 20, 20, 30, 0), slots[^1]);

        var forecast = await ForecastAsync(CalendarModels.SessionModel, slots);

        Assert.Equal(
            ["2026-02-20T21:00:00Z", "2026-02-20T21:30:00Z", "2026-02-22T22:00:00Z", "2026-02-22T22:30:00Z", "2026-02-22T23:00:00Z", "2026-02-22T23:30:00Z"],
            Timestamps(forecast));
    }

    [Fact]
    public async Task Forecast_SessionsWindowAcrossTheWeekendBreak_Accepted()
    {
        var slots = CalendarModels.FxHalfHours(new DateTime(2026, 2, 15, 22, 0, 0), new DateTime(2026, 2, 23, 1, 30, 0)).TakeLast(CalendarModels.SessionLookback).ToArray();
        Assert.Contains(new DateTime(2026, 2, 20, 21, 30, 0), slots);

        var forecast = await ForecastAsync(CalendarModels.SessionModel, slots);

        Assert.Equal("2026-02-23T01:30:00Z", Timestamps(forecast)[0]);
        Assert.Equal("2026-02-23T04:00:00Z", Timestamps(forecast)[^1]);
    }

    [Fact]
    public async Task Forecast_SessionsMissingAWednesdayHalfHour_RefusedAsMissingReading()
    {
        var missing = new DateTime(2026, 2, 18, 12, 0, 0);
        var slots = CalendarModels.FxHalfHours(new DateTime(2026, 2, 15, 22, 0, 0), new DateTime(2026, 2, 18, 20, 0, 0))
            .Where(t => t != missing).TakeLast(CalendarModels.SessionLookback).ToArray();

        var response = await _client.PostAsync($"/v1/models/{CalendarModels.SessionModel}/forecast", Body(slots));

        var index = Array.IndexOf(slots, missing.AddMinutes(30));
        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", $"series[0].timestamps[{index}]");
        Assert.Contains("2026-02-18T12:00:00Z", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_SessionsOverTheWeekendBreak_ObservesFridayCloseThenSundayOpen()
    {
        var slots = CalendarModels.FxHalfHours(new DateTime(2026, 2, 15, 22, 0, 0), new DateTime(2026, 2, 20, 21, 30, 0)).TakeLast(CalendarModels.SessionLookback);
        var warm = Requests.Body(Requests.Series("s", [.. slots.Select((_, i) => 1.1 + (i % 5 * 0.001))], [.. slots.Select(CalendarModels.Format)]))["series"]![0]!.AsObject();
        warm.Remove("id");
        warm["model"] = CalendarModels.SessionModel;
        warm["id"] = "eurusd";

        using var warmed = await _client.PostAsync("/v1/streams", Requests.Json(warm));
        using var friday = await ObserveAsync("2026-02-20T21:30:00Z");
        using var sunday = await ObserveAsync("2026-02-22T22:00:00Z");
        using var skipped = await ObserveAsync("2026-02-22T23:00:00Z");

        Assert.True(warmed.StatusCode == HttpStatusCode.Created, await warmed.Content.ReadAsStringAsync());
        Assert.Equal(["2026-02-20T21:30:00Z", "2026-02-22T22:00:00Z"], Timestamps(JsonNode.Parse(await warmed.Content.ReadAsStringAsync())!["forecast"]!)[..2]);
        Assert.True(friday.StatusCode == HttpStatusCode.OK, await friday.Content.ReadAsStringAsync());
        Assert.Equal("2026-02-22T22:00:00Z", Timestamps(JsonNode.Parse(await friday.Content.ReadAsStringAsync())!["forecast"]!)[0]);
        Assert.True(sunday.StatusCode == HttpStatusCode.OK, await sunday.Content.ReadAsStringAsync());
        var problem = await ProblemAssert.IsProblem(skipped, 400, "invalid-request", "timestamps[0]");
        Assert.Contains("2026-02-22T22:30:00Z", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_NoLeapModelOver28February2028_StepsTo1March()
    {
        Assert.True(_models.NoLeapTraining.ExitCode == 0, _models.NoLeapTraining.Output);
        var card = ModelCardSerializer.Load(Path.Combine(_models.Root, CalendarModels.NoLeapModel, "1", ModelContract.CardFileName));
        var days = Enumerable.Range(0, CalendarModels.NoLeapLookback).Select(i => new DateTime(2028, 2, 28).AddDays(i - CalendarModels.NoLeapLookback + 1));

        var forecast = await ForecastAsync(CalendarModels.NoLeapModel, days);

        Assert.Equal(("1d", new CalendarSpec("noleap")), (card.Frequency, card.Calendar));
        Assert.Equal(["2028-03-01T00:00:00Z", "2028-03-02T00:00:00Z"], Timestamps(forecast)[..2]);
    }

    [Fact]
    public async Task Forecast_NoLeapModelWindowWith29February_Refused()
    {
        var days = Enumerable.Range(0, CalendarModels.NoLeapLookback).Select(i => new DateTime(2028, 3, 5).AddDays(i - CalendarModels.NoLeapLookback + 1)).ToArray();

        var response = await _client.PostAsync($"/v1/models/{CalendarModels.NoLeapModel}/forecast", Body(days));

        var index = Array.IndexOf(days, new DateTime(2028, 2, 29));
        await ProblemAssert.IsProblem(response, 400, "invalid-request", $"series[0].timestamps[{index}]");
    }

    [Fact]
    public async Task Forecast_QuarterlyModelTrainedWithAlias_StepsThreeMonths()
    {
        Assert.True(_models.QuarterlyTraining.ExitCode == 0, _models.QuarterlyTraining.Output);
        var card = ModelCardSerializer.Load(Path.Combine(_models.Root, CalendarModels.QuarterlyModel, "1", ModelContract.CardFileName));
        var quarters = Enumerable.Range(0, 8).Select(i => new DateTime(2024, 1, 1).AddMonths(3 * i));

        var forecast = await ForecastAsync(CalendarModels.QuarterlyModel, quarters);

        Assert.Equal(("1q", null), (card.Frequency, card.Calendar));
        Assert.Equal(["2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z"], Timestamps(forecast));
    }

    [Fact]
    public async Task Forecast_YearlyModelTrainedWithAlias_StepsOneYear()
    {
        Assert.True(_models.YearlyTraining.ExitCode == 0, _models.YearlyTraining.Output);
        var card = ModelCardSerializer.Load(Path.Combine(_models.Root, CalendarModels.YearlyModel, "1", ModelContract.CardFileName));
        var years = Enumerable.Range(2018, 8).Select(y => new DateTime(y, 1, 1));

        var forecast = await ForecastAsync(CalendarModels.YearlyModel, years);

        Assert.Equal("1y", card.Frequency);
        Assert.Empty(card.Covariates);
        Assert.Equal(["2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"], Timestamps(forecast));
    }

    private static StringContent Body(IEnumerable<DateTime> timestamps)
    {
        var texts = timestamps.Select(CalendarModels.Format).ToArray();
        var values = texts.Select((_, i) => 100 + (i % 7)).Select(v => (double)v).ToArray();
        return Requests.Json(Requests.Body(Requests.Series("s", values, texts)));
    }

    private static string[] Timestamps(JsonNode forecast) => [.. forecast["timestamps"]!.AsArray().Select(t => (string)t!)];

    private Task<HttpResponseMessage> ObserveAsync(string timestamp) => _client.PostAsync(
        "/v1/streams/eurusd/observations", Requests.Json(new JsonObject { ["timestamps"] = new JsonArray(timestamp), ["values"] = new JsonArray(1.1) }));

    private async Task<JsonNode> ForecastAsync(string model, IEnumerable<DateTime> timestamps)
    {
        var response = await _client.PostAsync($"/v1/models/{model}/forecast", Body(timestamps));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["forecasts"]!.AsArray().Single()!;
    }
}
