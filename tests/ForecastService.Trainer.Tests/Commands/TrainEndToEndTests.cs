using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using ForecastService.Core.Models;
using ForecastService.Inference;
using ForecastService.Trainer.Commands;

namespace ForecastService.Trainer.Tests.Commands;

public sealed class TrainEndToEndTests(TrainedModelFixture model) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void Train_TinySyntheticModel_WritesCompleteFolder()
    {
        Assert.True(model.Result.ExitCode == 0, model.Result.Error + model.Result.Output);
        Assert.Equal(
            ["example.json", "forecast.svg", "history.json", "model.json", "model.onnx", "step.onnx", "train-config.json"],
            Directory.GetFiles(model.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(model.Models, "tiny")), d => Path.GetFileName(d).StartsWith('.'));
        Assert.Contains("verified: ONNX Runtime matches the trainer", model.Result.Output, StringComparison.Ordinal);
        Assert.Contains("verified: the step model matches the window model", model.Result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Card_StreamingNamesStepModelAndItsHash()
    {
        var card = ModelCardSerializer.Load(Path.Combine(model.Folder, "model.json"));
        var step = File.ReadAllBytes(Path.Combine(model.Folder, "step.onnx"));

        Assert.Equal(new StreamingSupport(true, "step.onnx", Convert.ToHexStringLower(SHA256.HashData(step))), card.Streaming);
        using var session = OnnxSession.Load(step);
        Assert.Equal("step", session.CustomMetadata[ModelContract.Metadata.ModelKind]);
        Assert.Equal("tiny", session.CustomMetadata[ModelContract.Metadata.Name]);
    }

    [Fact]
    public void Train_History_IsLastLookbackPlusFiveHorizonsOfOneSeries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.Folder, "history.json")));

        // The last test window of the last series ends with the data, so the stretch is its last 14 + 5·7 = 49 values.
        var only = Assert.Single(document.RootElement.GetProperty("series").EnumerateArray());
        Assert.Equal("s1", only.GetProperty("id").GetString());
        var expected = model.Values[1][(TrainedModelFixture.Length - 49)..];
        Assert.Equal(expected, only.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        var firstDay = new DateTime(2021, 3, 1).AddDays(TrainedModelFixture.Length - 49);
        Assert.Equal(49, only.GetProperty("timestamps").GetArrayLength());
        Assert.Equal(firstDay.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture), only.GetProperty("timestamps")[0].GetString());
    }

    [Fact]
    public void Train_Card_DescribesModelDataAndOnnxFile()
    {
        var card = ModelCardSerializer.Load(Path.Combine(model.Folder, "model.json"));
        var onnx = File.ReadAllBytes(Path.Combine(model.Folder, "model.onnx"));

        Assert.Equal(("tiny", 1, "sensor"), (card.Name, card.Version, card.Domain));
        Assert.Equal((TrainedModelFixture.Lookback, TrainedModelFixture.Horizon, "1d", 7), (card.Lookback, card.Horizon, card.Frequency, card.Seasonality));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(onnx)), card.OnnxSha256);
        var source = Assert.Single(card.Data);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model.CsvPath))), source.Sha256);
        Assert.Equal((2, 2 * TrainedModelFixture.Length, "synthetic weekly sine"), (source.Series, source.Rows, source.Source));
        Assert.Equal(["day_of_week_sin", "day_of_week_cos", "day_of_year_sin", "day_of_year_cos"], card.Covariates);
        Assert.True(card.ParameterCount > 0);
        Assert.Equal(card.Training!.Epochs, card.Training.ValidationLoss.Count);
        Assert.NotNull(card.Metrics);
        Assert.True(card.Metrics.Windows > 0);
        Assert.True(double.IsFinite(card.Metrics.Model.Mase) && double.IsFinite(card.Metrics.SeasonalNaive.Mase));
    }

    [Fact]
    public void Train_OnnxFile_LoadsWithContractMetadata()
    {
        using var session = OnnxSession.Load(Path.Combine(model.Folder, "model.onnx"));

        Assert.Equal("tiny", session.CustomMetadata[ModelContract.Metadata.Name]);
        Assert.Equal("14", session.CustomMetadata[ModelContract.Metadata.Lookback]);
        Assert.Equal("1d", session.CustomMetadata[ModelContract.Metadata.Frequency]);
        Assert.Equal("0.05,0.1,0.25,0.5,0.75,0.9,0.95", session.CustomMetadata[ModelContract.Metadata.Quantiles]);
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model.CsvPath))),
            session.CustomMetadata[ModelContract.Metadata.TrainingDataSha256]);
    }

    [Fact]
    public void Train_ExampleRequest_IsLastHeldOutLookback()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.Folder, "example.json")));
        var series = document.RootElement.GetProperty("series");

        // The last test window of the last series ends with the data: its inputs are the 14 values before the last 7.
        var only = Assert.Single(series.EnumerateArray());
        Assert.Equal("s1", only.GetProperty("id").GetString());
        var expected = model.Values[1][(TrainedModelFixture.Length - 21)..(TrainedModelFixture.Length - 7)];
        Assert.Equal(expected, only.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        var firstDay = new DateTime(2021, 3, 1).AddDays(TrainedModelFixture.Length - 21);
        Assert.Equal(firstDay.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture), only.GetProperty("timestamps")[0].GetString());
    }

    [Fact]
    public void Train_SavedConfig_ReproducesEffectiveOptions()
    {
        var config = TrainConfig.Load(Path.Combine(model.Folder, "train-config.json"));

        Assert.Equal((TrainedModelFixture.Lookback, 8, 3, 3, 1), (config.Lookback, config.HiddenSize, config.Epochs, config.Seed, config.Threads));
        Assert.Equal(model.CsvPath, Assert.Single(config.Data).Path);
        Assert.Empty(config.Validate());
    }

    [Fact]
    public void Train_Chart_IsSvgWithOnePanelPerChartWindow()
    {
        var svg = XDocument.Load(Path.Combine(model.Folder, "forecast.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(3 * 3, svg.Root!.Descendants(ns + "polygon").Count());
    }

    [Fact]
    public void Train_ExistingVersion_RefusedWithoutForce()
    {
        var (exitCode, _, error) = CommandRunner.Run(
            "train", "--config", Path.Combine(model.Folder, "train-config.json"), "--output", model.Models, "--dry-run");

        Assert.Equal(3, exitCode);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TrainedModelOnItsData_PrintsModelAndNaiveMetrics()
    {
        var (exitCode, output, error) = CommandRunner.Run("evaluate", model.Folder, "--data", model.CsvPath);

        Assert.True(exitCode == 0, error);
        Assert.Contains("tiny v1 on 2 series at 1d", output, StringComparison.Ordinal);
        Assert.Contains("seasonal naive", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DataAtAnotherFrequency_Refused()
    {
        var hourly = Path.Combine(Path.GetDirectoryName(model.CsvPath)!, "hourly.csv");
        File.WriteAllText(hourly, "timestamp,value\n2021-01-01T00:00,1\n2021-01-01T01:00,2\n");

        var (exitCode, _, error) = CommandRunner.Run("evaluate", model.Folder, "--data", hourly);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{hourly}, line 3", error, StringComparison.Ordinal);
    }
}
