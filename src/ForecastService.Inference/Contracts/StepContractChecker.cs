using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;

namespace ForecastService.Inference.Contracts;

/// <summary>
/// Checks a step model (<c>step.onnx</c>) against its card and the step contract (models/README.md): the window
/// model's metadata plus <c>forecast.model_kind = step</c>, and every input and output with its shape, where
/// <c>batch</c> and <c>steps</c> must be symbolic and the state's layers and hidden size match the card.
/// </summary>
public static class StepContractChecker
{
    private const long Symbolic = -1;

    public static IReadOnlyList<string> Check(OnnxSession session, ModelCard card, ModelSignature signature)
    {
        var problems = new List<string>();
        ModelContractChecker.CheckMetadata(session.CustomMetadata, card, signature, problems);
        if (!session.CustomMetadata.TryGetValue(ModelContract.Metadata.ModelKind, out var kind) || !string.Equals(kind.Trim(), ModelContract.ModelKinds.Step, StringComparison.Ordinal))
        {
            problems.Add($"its {ModelContract.Metadata.ModelKind} is {kind ?? "missing"}, the step contract needs '{ModelContract.ModelKinds.Step}'");
        }

        var lstm = string.Equals(card.Cell, "lstm", StringComparison.OrdinalIgnoreCase);
        if (card.Layers < 1 || card.HiddenSize < 1)
        {
            problems.Add($"the card's layers ({card.Layers}) and hiddenSize ({card.HiddenSize}) must be positive to size a stream's state");
            return problems;
        }

        long l = card.Layers;
        long n = card.HiddenSize;
        long c = signature.CovariateCount;
        long h = signature.Horizon;
        long q = signature.Quantiles.Count;
        var inputs = new List<(string Name, long[] Shape)>
        {
            (ModelContract.ValuesInput, [Symbolic, Symbolic]),
            (ModelContract.PastCovariatesInput, [Symbolic, Symbolic, c]),
            (ModelContract.FutureCovariatesInput, [Symbolic, h, c]),
            (ModelContract.Step.ScaleMeanInput, [Symbolic, 1]),
            (ModelContract.Step.ScaleSpreadInput, [Symbolic, 1]),
            (ModelContract.Step.StateHInput, [l, Symbolic, n]),
        };
        var outputs = new List<(string Name, long[] Shape)>
        {
            (ModelContract.QuantilesOutput, [Symbolic, h, q]),
            (ModelContract.Step.StateHOutput, [l, Symbolic, n]),
        };
        if (lstm)
        {
            inputs.Add((ModelContract.Step.StateCInput, [l, Symbolic, n]));
            outputs.Add((ModelContract.Step.StateCOutput, [l, Symbolic, n]));
        }

        // Optional: a step model anchored on the whole window carries it as state, [batch, lookback] in and out.
        if (session.Inputs.Any(i => i.Name == ModelContract.Step.StateWindowInput))
        {
            inputs.Add((ModelContract.Step.StateWindowInput, [Symbolic, signature.Lookback]));
            outputs.Add((ModelContract.Step.StateWindowOutput, [Symbolic, signature.Lookback]));
        }

        foreach (var (name, shape) in inputs)
        {
            CheckTensor(session.Inputs, name, shape, problems);
        }

        foreach (var (name, shape) in outputs)
        {
            CheckTensor(session.Outputs, name, shape, problems);
        }

        foreach (var extra in session.Inputs.Where(i => !inputs.Any(e => e.Name == i.Name)))
        {
            problems.Add($"it has an input '{extra.Name}' that the step contract does not define for a {card.Cell} model");
        }

        return problems;
    }

    /// <summary>A float tensor whose dimensions are <paramref name="dims"/>; <see cref="Symbolic"/> marks a dimension that must be symbolic.</summary>
    private static void CheckTensor(IReadOnlyList<OnnxTensorInfo> tensors, string name, long[] dims, List<string> problems)
    {
        var expected = $"float[{string.Join(", ", dims.Select(d => d == Symbolic ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
        var tensor = tensors.FirstOrDefault(t => t.Name == name);
        if (tensor is null)
        {
            problems.Add($"it has no '{name}' (it has {string.Join(", ", tensors.Select(t => t.Name))})");
            return;
        }

        if (tensor.ElementType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float || tensor.Shape.Length != dims.Length)
        {
            problems.Add($"its '{name}' is {tensor}, the step contract needs {expected}");
            return;
        }

        for (var i = 0; i < dims.Length; i++)
        {
            var ok = dims[i] == Symbolic ? tensor.Shape[i] < 0 : tensor.Shape[i] < 0 || tensor.Shape[i] == dims[i];
            if (!ok)
            {
                problems.Add($"its '{name}' is {tensor}, the step contract and the card need {expected} (? symbolic)");
                return;
            }
        }
    }
}
