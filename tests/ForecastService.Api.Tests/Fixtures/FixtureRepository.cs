using System.Globalization;
using ForecastService.Core.Models;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>A model repository in a temporary folder, deleted on dispose.</summary>
public sealed class FixtureRepository : IDisposable
{
    public FixtureRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "forecast-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public static FixtureRepository With(params FixtureModel[] models)
    {
        var repository = new FixtureRepository();
        foreach (var model in models)
        {
            repository.Add(model);
        }

        return repository;
    }

    public string Add(FixtureModel model)
    {
        var directory = VersionDirectory(model.Name, model.Version);
        Directory.CreateDirectory(directory);

        // Card first, graph last: a poller that catches the folder half-written sees a missing model.onnx, not a stale one.
        ModelCardSerializer.Save(model.Card(), Path.Combine(directory, ModelContract.CardFileName));
        File.WriteAllBytes(Path.Combine(directory, ModelContract.OnnxFileName), model.Onnx());
        return directory;
    }

    public string VersionDirectory(string name, int version) => Path.Combine(Root, name, version.ToString(CultureInfo.InvariantCulture));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a closing session; the temp folder is cleaned by the OS.
        }
    }
}
