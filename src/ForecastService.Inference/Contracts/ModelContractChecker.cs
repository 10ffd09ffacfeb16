using System.Globalization;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Core.Time;

namespace ForecastService.Inference.Contracts;

/// <summary>
/// Checks a loaded graph against its card and the window-model contract (models/README.md): input and output names,
/// types and shapes, and the <c>forecast.*</c> metadata. A card that disagrees with its graph is refused, so the
/// service never feeds a model windows of the wrong size.
/// </summary>
public static class ModelContractChecker
{
    public static IReadOnlyList<string> Check(OnnxSession session, ModelCard card, ModelSignature signature)
    {
        var problems = new List<string>();
        CheckMetadata(session.CustomMetadata, card, signature, problems);

        var l = signature.Lookback;
        var h = signature.Horizon;
        var c = signature.CovariateCount;
        var q = signature.Quantiles.Count;
        CheckTensor(session.Inputs, ModelContract.ValuesInput, [l], problems);
        CheckTensor(session.Inputs, ModelContract.PastCovariatesInput, [l, c], problems);
        CheckTensor(session.Inputs, ModelContract.FutureCovariatesInput, [h, c], problems);
        CheckTensor(session.Outputs, ModelContract.QuantilesOutput, [h, q], problems);

        string[] expected = [ModelContract.ValuesInput, ModelContract.PastCovariatesInput, ModelContract.FutureCovariatesInput];
        foreach (var extra in session.Inputs.Where(i => !expected.Contains(i.Name, StringComparer.Ordinal)))
        {
            problems.Add($"the graph has an input '{extra.Name}' that the contract does not define");
        }

        return problems;
    }

    /// <summary>The <c>forecast.*</c> metadata against the card; shared with the step model's check.</summary>
    internal static void CheckMetadata(IReadOnlyDictionary<string, string> metadata, ModelCard card, ModelSignature signature, List<string> problems)
    {
        string? Read(string key)
        {
            if (metadata.TryGetValue(key, out var value))
            {
                return value;
            }

            problems.Add($"the graph's metadata_props lack {key}");
            return null;
        }

        void Compare(string key, string? graph, string cardValue, string what)
        {
            if (graph is not null && !string.Equals(graph.Trim(), cardValue, StringComparison.Ordinal))
            {
                problems.Add($"the card says {what} {cardValue} but the graph's {key} is {graph}");
            }
        }

        Compare(ModelContract.Metadata.ContractVersion, Read(ModelContract.Metadata.ContractVersion), Text(ModelContract.Version), "contract");
        Compare(ModelContract.Metadata.Lookback, Read(ModelContract.Metadata.Lookback), Text(card.Lookback), "lookback");
        Compare(ModelContract.Metadata.Horizon, Read(ModelContract.Metadata.Horizon), Text(card.Horizon), "horizon");
        // Any name of the same frequency agrees (a hand-made graph may say "hourly" where the trainer writes "1h").
        if (Read(ModelContract.Metadata.Frequency) is { } frequency && !(Frequency.TryParse(frequency.Trim(), out var graphFrequency) && graphFrequency == signature.Frequency))
        {
            problems.Add($"the card says frequency {signature.Frequency} but the graph's {ModelContract.Metadata.Frequency} is {frequency}");
        }

        if (Read(ModelContract.Metadata.Quantiles) is { } quantiles)
        {
            var parsed = quantiles.Split(',', StringSplitOptions.TrimEntries)
                .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
                .ToArray();
            if (parsed.Length != card.Quantiles.Count || parsed.Where((v, i) => !(Math.Abs(v - card.Quantiles[i]) < 1e-9)).Any())
            {
                problems.Add($"the card says quantiles {string.Join(",", signature.QuantileKeys)} but the graph's {ModelContract.Metadata.Quantiles} is {quantiles}");
            }
        }

        if (metadata.TryGetValue(ModelContract.Metadata.Covariates, out var covariates) && covariates.Length > 0)
        {
            var expected = string.Join(",", signature.Features.Names);
            if (!string.Equals(string.Join(",", covariates.Split(',', StringSplitOptions.TrimEntries)), expected, StringComparison.Ordinal))
            {
                problems.Add($"the graph's {ModelContract.Metadata.Covariates} is {covariates}, but frequency {signature.Frequency} gives {expected}");
            }
        }

        if (metadata.TryGetValue(ModelContract.Metadata.Name, out var name) && !string.Equals(name, card.Name, StringComparison.Ordinal))
        {
            problems.Add($"the card names the model {card.Name} but the graph's {ModelContract.Metadata.Name} is {name}");
        }
    }

    /// <summary>Checks a float tensor of shape [batch, ..<paramref name="dims"/>], the batch dimension symbolic.</summary>
    private static void CheckTensor(IReadOnlyList<OnnxTensorInfo> tensors, string name, long[] dims, List<string> problems)
    {
        var tensor = tensors.FirstOrDefault(t => t.Name == name);
        if (tensor is null)
        {
            problems.Add($"the graph has no '{name}' (it has {string.Join(", ", tensors.Select(t => t.Name))})");
            return;
        }

        var expected = $"float[batch, {string.Join(", ", dims)}]";
        if (tensor.ElementType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float || tensor.Shape.Length != dims.Length + 1)
        {
            problems.Add($"'{name}' is {tensor}, the contract needs {expected}");
            return;
        }

        if (tensor.Shape[0] >= 0)
        {
            problems.Add($"'{name}' has a fixed batch dimension {tensor.Shape[0]}; it must be symbolic so requests can be batched");
        }

        for (var i = 0; i < dims.Length; i++)
        {
            // A symbolic dimension cannot be checked here; the trial run at load catches a graph that disagrees.
            if (tensor.Shape[i + 1] >= 0 && tensor.Shape[i + 1] != dims[i])
            {
                problems.Add($"'{name}' is {tensor}, but the card implies {expected}");
                return;
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
