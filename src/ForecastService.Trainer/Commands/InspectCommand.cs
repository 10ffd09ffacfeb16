using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using ForecastService.Core.Models;
using ForecastService.Trainer.Cards;

namespace ForecastService.Trainer.Commands;

/// <summary><c>inspect</c>: prints a model card, and checks that model.onnx and step.onnx are the files the card describes.</summary>
internal static class InspectCommand
{
    public static Command Create(TrainerConsole console)
    {
        var model = new Argument<string>("model") { Description = "A model folder (models/<name>/<version>) or its model.json." };
        var command = new Command("inspect", "Print a model card.");
        command.Arguments.Add(model);
        command.SetAction(parseResult => CommandErrors.Run(console, () =>
        {
            var (folder, cardPath) = Resolve(parseResult.GetValue(model)!);
            var card = LoadCard(cardPath);

            ModelCardPrinter.Print(console.Output, card);
            CheckHash(console, folder, ModelContract.OnnxFileName, card.OnnxSha256);
            if (card.Streaming is { Supported: true, StepModel: { } step })
            {
                CheckHash(console, folder, step, card.Streaming.Sha256);
            }

            return CommandErrors.Success;
        }));
        return command;
    }

    /// <summary>Refuses a file that is present but is not the one the card hashed; says so when it matches.</summary>
    private static void CheckHash(TrainerConsole console, string folder, string fileName, string? expected)
    {
        var path = Path.Combine(folder, fileName);
        if (!File.Exists(path) || expected is null)
        {
            return;
        }

        using var stream = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelFolderException($"{path}: SHA-256 {actual} differs from the card's {expected}; the card describes another file");
        }

        console.Line($"{fileName}: SHA-256 matches the card");
    }

    public static ModelCard LoadCard(string path)
    {
        try
        {
            return ModelCardSerializer.Load(path);
        }
        catch (JsonException e)
        {
            throw new ModelFolderException($"{path}: not a valid model card ({e.Message})", e);
        }
    }

    /// <summary>The folder and card path of a model given as a folder or as its model.json.</summary>
    public static (string Folder, string Card) Resolve(string path)
    {
        if (Directory.Exists(path))
        {
            var card = Path.Combine(path, ModelContract.CardFileName);
            return File.Exists(card) ? (path, card) : throw new ModelFolderException($"{path}: no {ModelContract.CardFileName} in this folder");
        }

        return File.Exists(path)
            ? (Path.GetDirectoryName(Path.GetFullPath(path))!, path)
            : throw new ModelFolderException($"{path}: no such model folder or card");
    }
}
