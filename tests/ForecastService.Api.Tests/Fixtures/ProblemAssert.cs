using System.Text.Json.Nodes;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>Checks an RFC 9457 answer: media type, status, stable type, correlation id, and the field it names.</summary>
public static class ProblemAssert
{
    public static async Task<JsonNode> IsProblem(HttpResponseMessage response, int status, string type, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(status, (int)problem["status"]!);
        Assert.Equal($"urn:forecastservice:problem:{type}", (string)problem["type"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        var correlation = (string)problem["correlationId"]!;
        Assert.Equal(correlation, response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors?.ContainsKey(field) == true, $"No error for '{field}' in {text}");
        }

        return problem;
    }
}
