using ForecastService.Core.Models;

namespace ForecastService.Trainer.Tests.Commands;

public sealed class InspectCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Inspect_ModelFolder_PrintsCardAndMetrics()
    {
        var card = new ModelCard
        {
            Name = "demo",
            Version = 2,
            Domain = "energy",
            Description = "A demonstration card.",
            Lookback = 96,
            Horizon = 24,
            Frequency = "1h",
            Quantiles = [0.1, 0.5, 0.9],
            Cell = "gru",
            Layers = 2,
            HiddenSize = 16,
            Metrics = new HeldOutMetrics(7, new ForecastMetrics(0.5, 4, 10, 0.8, 30), new ForecastMetrics(1.25, 9, 20, 0.7, 50)),
        };
        ModelCardSerializer.Save(card, Path.Combine(_temp.Path, "model.json"));

        var (exitCode, output, _) = CommandRunner.Run("inspect", _temp.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("demo v2 (energy)", output, StringComparison.Ordinal);
        Assert.Contains("gru x2, hidden 16", output, StringComparison.Ordinal);
        Assert.Contains("held-out metrics (7 windows)", output, StringComparison.Ordinal);
        Assert.Contains("1.25", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OnnxFileDiffersFromCard_Refused()
    {
        var card = new ModelCard
        {
            Name = "demo",
            Version = 1,
            Domain = "energy",
            Description = "x",
            Lookback = 4,
            Horizon = 1,
            Frequency = "1h",
            Quantiles = [0.5],
            Cell = "lstm",
            OnnxSha256 = new string('0', 64),
        };
        ModelCardSerializer.Save(card, Path.Combine(_temp.Path, "model.json"));
        _temp.Write("model.onnx", "not the described file");

        var (exitCode, _, error) = CommandRunner.Run("inspect", _temp.Path);

        Assert.Equal(3, exitCode);
        Assert.Contains("differs from the card", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_StepFileDiffersFromCard_Refused()
    {
        const string Onnx = "window model bytes";
        var card = new ModelCard
        {
            Name = "demo",
            Version = 1,
            Domain = "energy",
            Description = "x",
            Lookback = 4,
            Horizon = 1,
            Frequency = "1h",
            Quantiles = [0.5],
            Cell = "lstm",
            OnnxSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Onnx))),
            Streaming = new StreamingSupport(true, "step.onnx", new string('0', 64)),
        };
        ModelCardSerializer.Save(card, Path.Combine(_temp.Path, "model.json"));
        _temp.Write("model.onnx", Onnx);
        _temp.Write("step.onnx", "not the described file");

        var (exitCode, output, error) = CommandRunner.Run("inspect", _temp.Path);

        Assert.Equal(3, exitCode);
        Assert.Contains("model.onnx: SHA-256 matches the card", output, StringComparison.Ordinal);
        Assert.Contains("step.onnx: SHA-256", error, StringComparison.Ordinal);
        Assert.Contains("differs from the card", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_MissingFolder_NamesPath()
    {
        var (exitCode, _, error) = CommandRunner.Run("inspect", Path.Combine(_temp.Path, "none"));

        Assert.Equal(3, exitCode);
        Assert.Contains("no such model folder", error, StringComparison.Ordinal);
    }
}
