using System.Globalization;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Core.Time;
using ForecastService.Inference.Contracts;
using ForecastService.OnnxWriting;

namespace ForecastService.Inference.Tests.Contracts;

/// <summary>The window-model contract check on real sessions of small graphs written to honour or break it.</summary>
public sealed class ModelContractCheckerTests
{
    private const int Lookback = 24;
    private const int Horizon = 6;
    private static readonly double[] Quantiles = [0.1, 0.5, 0.9];

    [Fact]
    public void Check_GraphHonouringItsCard_FindsNoProblems()
    {
        using var session = OnnxSession.Load(WindowGraph(batch: "batch", metadataLookback: Lookback));

        Assert.Empty(ModelContractChecker.Check(session, Card(), ModelSignature.FromCard(Card())));
    }

    [Fact]
    public void Check_FixedBatchDimension_SaysTheBatchMustBeSymbolic()
    {
        using var session = OnnxSession.Load(WindowGraph(batch: 1, metadataLookback: Lookback));

        var problems = ModelContractChecker.Check(session, Card(), ModelSignature.FromCard(Card()));

        Assert.Contains($"'{ModelContract.ValuesInput}' has a fixed batch dimension 1; it must be symbolic so requests can be batched", problems);
    }

    [Fact]
    public void Check_MetadataLookbackDisagreesWithCard_NamesBothValues()
    {
        using var session = OnnxSession.Load(WindowGraph(batch: "batch", metadataLookback: 48));

        var problems = ModelContractChecker.Check(session, Card(), ModelSignature.FromCard(Card()));

        Assert.Contains($"the card says lookback {Lookback} but the graph's {ModelContract.Metadata.Lookback} is 48", problems);
    }

    private static ModelCard Card() => new()
    {
        Name = "contract-probe",
        Version = 1,
        Domain = "energy",
        Description = "A graph that only has the contract's shape",
        Lookback = Lookback,
        Horizon = Horizon,
        Frequency = "1h",
        Quantiles = Quantiles,
        Cell = "lstm",
        Covariates = CalendarFeatures.For(Frequency.Parse("1h")).Names,
    };

    /// <summary>quantiles = future_covariates[..., 0] broadcast over the quantiles: the values only need the right shape.</summary>
    private static byte[] WindowGraph(OnnxDim batch, int metadataLookback)
    {
        var covariates = CalendarFeatures.For(Frequency.Parse("1h"));
        var g = new OnnxGraphBuilder("contract-probe");
        g.AddInput(ModelContract.ValuesInput, TensorElementType.Float, batch, Lookback);
        g.AddInput(ModelContract.PastCovariatesInput, TensorElementType.Float, batch, Lookback, covariates.Count);
        g.AddInput(ModelContract.FutureCovariatesInput, TensorElementType.Float, batch, Horizon, covariates.Count);
        g.AddOutput(ModelContract.QuantilesOutput, TensorElementType.Float, batch, Horizon, Quantiles.Length);
        g.AddInitializer("axis2", [2L], 1);
        g.AddInitializer("start0", [0L], 1);
        g.AddInitializer("end1", [1L], 1);
        g.AddInitializer("zeros", new float[Quantiles.Length], 1, 1, Quantiles.Length);
        g.AddNode("Slice", [ModelContract.FutureCovariatesInput, "start0", "end1", "axis2"], ["first"]);
        g.AddNode("Add", ["first", "zeros"], [ModelContract.QuantilesOutput]);
        var metadata = new Dictionary<string, string>
        {
            [ModelContract.Metadata.ContractVersion] = "1",
            [ModelContract.Metadata.Name] = "contract-probe",
            [ModelContract.Metadata.Lookback] = metadataLookback.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Horizon] = Horizon.ToString(CultureInfo.InvariantCulture),
            [ModelContract.Metadata.Frequency] = "1h",
            [ModelContract.Metadata.Quantiles] = "0.1,0.5,0.9",
            [ModelContract.Metadata.Covariates] = string.Join(",", covariates.Names),
        };
        return g.Build(new OnnxModelOptions { OpsetVersion = 17, Metadata = metadata }).ToArray();
    }
}
