using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ForecastService.Api.Tests.Fixtures;
using ForecastService.Api.Tests.Streaming;

namespace ForecastService.Api.Tests.Models;

/// <summary>A card that announces streaming must deliver a step model that fits it; otherwise the version fails to load.</summary>
public sealed class StepModelLoadingTests
{
    [Fact]
    public async Task Load_StepModelWithAnotherHash_FailsTheVersionNamingTheHash()
    {
        var error = await LoadFailureAsync(model => EditCard(model, card => card["streaming"]!["sha256"] = new string('0', 64)));

        Assert.Contains("streaming.sha256", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_StepModelMissing_FailsTheVersion()
    {
        var error = await LoadFailureAsync(model => File.Delete(model.StepPath));

        Assert.Contains("step.onnx is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WindowModelInPlaceOfTheStepModel_FailsTheStepContract()
    {
        // model.onnx passes the hash check (the card is updated) but has none of the step model's inputs or outputs.
        var error = await LoadFailureAsync(model =>
        {
            var window = Path.Combine(model.Directory, "model.onnx");
            File.Copy(window, model.StepPath, overwrite: true);
            EditCard(model, card => card["streaming"]!["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(window))));
        });

        Assert.Contains("step.onnx", error, StringComparison.Ordinal);
        Assert.Contains("state_h", error, StringComparison.Ordinal);
        Assert.Contains("forecast.model_kind", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_CardWithoutStreaming_ServesWindowForecastsOnly()
    {
        using var repository = new FixtureRepository();
        var model = StreamingModel.CopyShipped(repository, "sensor-river");
        EditCard(model, card => card["streaming"] = new JsonObject { ["supported"] = false });
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();

        var details = JsonNode.Parse(await client.GetStringAsync("/v1/models/sensor-river"))!;

        Assert.Equal("ready", (string)details["status"]!);
        Assert.False((bool)details["streaming"]!);
    }

    private static async Task<string> LoadFailureAsync(Action<StreamingModel> breakIt)
    {
        using var repository = new FixtureRepository();
        var model = StreamingModel.CopyShipped(repository, "sensor-river");
        breakIt(model);
        using var factory = new ApiFactory(repository.Root);
        using var client = factory.CreateClient();

        var details = JsonNode.Parse(await client.GetStringAsync("/v1/models/sensor-river"))!;

        Assert.Equal("failed", (string)details["status"]!);
        return (string)details["failures"]![0]!["error"]!;
    }

    private static void EditCard(StreamingModel model, Action<JsonNode> edit)
    {
        var path = Path.Combine(model.Directory, "model.json");
        var card = JsonNode.Parse(File.ReadAllText(path))!;
        edit(card);
        File.WriteAllText(path, card.ToJsonString());
    }
}
