using ForecastService.Trainer.Backtesting;
using ForecastService.Trainer.Commands;

namespace ForecastService.Trainer.Tests.Backtesting;

public sealed class BacktestRuleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Default_IsAutoRecipe()
    {
        Assert.Equal(TrainConfig.RecipeAuto, BacktestRule.Default().Config.Recipe);
    }

    [Fact]
    public void For_KitSeriesUnderAuto_ProtocolHorizonAndFrequency_LookbackAndSeasonLeftToTheRecipe()
    {
        var rule = BacktestRule.Load(_temp.Write("rule.json", """{ "hiddenSize": 8, "horizon": 99, "output": "elsewhere" }"""));
        var series = Kit("energy_ukgas_q", "quarterly");

        var config = rule.For(series, "rows.csv", "scratch");

        Assert.Equal(("energy-ukgas-q", 1, "energy", "scratch"), (config.Name, config.Version, config.Domain, config.Output));
        Assert.Equal("rows.csv", Assert.Single(config.Data).Path);
        Assert.Equal((TrainConfig.RecipeAuto, 4, 0, 0, "quarterly"), (config.Recipe, config.Horizon, config.Lookback, config.Seasonality, config.Frequency));
        Assert.Equal(8, config.HiddenSize);
        Assert.Empty(config.Validate());
    }

    [Fact]
    public void For_KitSeriesUnderPlain_KitLookbackAndSeason()
    {
        var rule = BacktestRule.Load(_temp.Write("rule.json", """{ "recipe": "plain" }"""));

        var config = rule.For(Kit("energy_ukgas_q", "quarterly"), "rows.csv", "scratch");

        Assert.Equal((4, 16, 4), (config.Horizon, config.Lookback, config.Seasonality));
    }

    [Fact]
    public void For_RuleSetsLookbackAndSeasonality_RuleWins()
    {
        var rule = BacktestRule.Load(_temp.Write("rule.json", """{ "lookback": 40, "seasonality": 0, "frequency": "1q" }"""));

        var config = rule.For(Kit("s", "quarterly"), "rows.csv", "scratch");

        Assert.Equal((40, 0, "1q"), (config.Lookback, config.Seasonality, config.Frequency));
    }

    [Fact]
    public void For_FrequencyNameUnknown_LeftToInference()
    {
        var config = BacktestRule.Default().For(Kit("s", "fortnightly"), "rows.csv", "scratch");

        Assert.Null(config.Frequency);
    }

    [Theory]
    [InlineData("energy_ukgas_q", "energy-ukgas-q")]
    [InlineData("Sensor..Temp (h)", "sensor-temp-h")]
    [InlineData("___", "series")]
    public void ModelName_SeriesId_TrainerAcceptsIt(string id, string expected)
    {
        Assert.Equal(expected, BacktestRule.ModelName(id));
    }

    public void Dispose() => _temp.Dispose();

    private static BacktestSeries Kit(string id, string frequency) =>
        new(id, "energy", frequency, Seasonality: 4, Horizon: 4, Lookback: 16, [], [], [68, 72]);
}
