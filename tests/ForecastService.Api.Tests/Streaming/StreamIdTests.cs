using System.Net;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>
/// A stream id is a path segment of every later call: 1 to 128 of A-Z a-z 0-9 . _ ~ -, not . or ..; anything else is
/// refused before the stream takes a slot, and every accepted id's Location leads back to it.
/// </summary>
public sealed class StreamIdTests : IDisposable
{
    private readonly FixtureRepository _repository = new();
    private readonly StreamingModel _model;

    public StreamIdTests()
    {
        _model = StreamingModel.CopyShipped(_repository, "sensor-river");
    }

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a b")]
    [InlineData("a%2Fb")]
    [InlineData("pump?3")]
    [InlineData("pümp")]
    [InlineData("a\\b")]
    [InlineData("")]
    public async Task Warm_IdOutsideTheGrammar_Returns400NamingIdAndHoldsNoSlot(string id)
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/v1/streams", Requests.Json(_model.WarmBody(id)));
        var metrics = await client.GetStringAsync("/metrics");

        var problem = await ProblemAssert.IsProblem(response, 400, "invalid-request", "id");
        Assert.Contains("1 to 128 characters of A-Z, a-z, 0-9", (string)problem["errors"]!["id"]![0]!, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Equal(0, PrometheusText.Parse(metrics).Value("forecast_streams_active"));
    }

    [Fact]
    public async Task Warm_IdOf129Characters_Returns400()
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/v1/streams", Requests.Json(_model.WarmBody(new string('a', 129))));

        await ProblemAssert.IsProblem(response, 400, "invalid-request", "id");
    }

    [Theory]
    [InlineData("pump-3")]
    [InlineData("A.b_c~d-9")]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("~")]
    [InlineData("x128")]
    public async Task Warm_IdInTheGrammar_LocationRoundTripsThroughGetAndDelete(string id)
    {
        id = id == "x128" ? new string('x', 128) : id;
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();

        using var created = await client.PostAsync("/v1/streams", Requests.Json(_model.WarmBody(id)));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!;
        using var shown = await client.GetAsync(location);
        using var deleted = await client.DeleteAsync(location);
        using var afterDelete = await client.GetAsync(location);

        Assert.Equal("/v1/streams/" + id, location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(id, (string)JsonNode.Parse(await shown.Content.ReadAsStringAsync())!["id"]!);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblem(afterDelete, 404, "not-found");
    }

    [Theory]
    [InlineData("GET", "/v1/streams/a%2Fb")]
    [InlineData("GET", "/v1/streams/a%20b")]
    [InlineData("DELETE", "/v1/streams/a%7Cb")]
    [InlineData("POST", "/v1/streams/p%C3%BCmp/observations")]
    public async Task Call_PathIdOutsideTheGrammar_Returns400(string method, string path)
    {
        using var factory = new ApiFactory(_repository.Root);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = Requests.Json(_model.ObservationBody(_model.Lookback, 1));
        }

        using var response = await client.SendAsync(request);

        await ProblemAssert.IsProblem(response, 400, "invalid-request", "id");
    }
}
