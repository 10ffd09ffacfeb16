using System.Globalization;
using System.Text.RegularExpressions;
using ForecastService.Api.Logging;
using ForecastService.Api.Options;
using ForecastService.Core.Models;
using ForecastService.Inference;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Models;

/// <summary>
/// The model repository: loads every <c>&lt;root&gt;/&lt;name&gt;/&lt;version&gt;</c> at start, then polls the folder
/// (on <see cref="TimeProvider"/>) and loads new or changed versions. Each change publishes a new
/// <see cref="ModelCatalog"/> in one atomic swap; replaced and removed versions are retired and close when their last
/// request ends. A version that fails to load is listed with its reason and never hides an older one that serves.
/// </summary>
internal sealed partial class ModelRepository : IHostedService, IDisposable
{
    private readonly ModelsOptions _options;
    private readonly OnnxOptions _onnx;
    private readonly TimeProvider _time;
    private readonly ILogger<ModelRepository> _logger;
    private readonly ModelLoader _loader;
    private readonly SemaphoreSlim _scanGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private ModelCatalog _catalog = ModelCatalog.Empty;
    private Task? _polling;
    private int _disposed;

    public ModelRepository(
        IOptions<ModelsOptions> options,
        IOptions<OnnxOptions> onnx,
        IOptions<BatchingOptions> batching,
        IModelRunMetrics metrics,
        TimeProvider time,
        ILogger<ModelRepository> logger)
    {
        _options = options.Value;
        _onnx = onnx.Value;
        _time = time;
        _logger = logger;
        Root = _options.Root ?? throw new InvalidOperationException("Models:Root was not resolved.");
        _loader = new ModelLoader(_onnx.ToSessionOptions(), batching.Value, metrics, time, logger);
    }

    /// <summary>The absolute path of the repository folder.</summary>
    public string Root { get; }

    /// <summary>The current catalog; read it once per request and use that one throughout.</summary>
    public ModelCatalog Catalog => Volatile.Read(ref _catalog);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        OnnxRuntime.LogMessage += OnOnnxRuntimeMessage;
        Log.OnnxRuntimeReady(_logger, OnnxRuntime.Version, string.Join(", ", OnnxRuntime.AvailableProviders), _onnx.ExecutionProvider);
        await ScanAsync(cancellationToken).ConfigureAwait(false);
        _polling = PollAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_polling is not null)
        {
            await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        // Registered both as a singleton and as the hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        OnnxRuntime.LogMessage -= OnOnnxRuntimeMessage;
        _stopping.Cancel();
        foreach (var model in Interlocked.Exchange(ref _catalog, ModelCatalog.Empty).Models.SelectMany(m => m.Versions))
        {
            model.Model?.Retire();
        }

        // _stopping and _scanGate are left to the GC: a late StopAsync or scan must not meet a disposed primitive,
        // and neither holds a timer or a wait handle.
    }

    /// <summary>
    /// Leases the model a request asks for: <paramref name="version"/>, or the serving version when null. Retries
    /// when the model is retired between the catalog read and the lease, so a swap never fails a request.
    /// </summary>
    public ModelLookup Lease(string name, int? version)
    {
        for (var attempt = 0; ; attempt++)
        {
            var catalog = Catalog;
            var lookup = ModelLookup.Find(catalog, name, version);
            if (lookup.Model is null || lookup.Model.TryAcquire())
            {
                return lookup;
            }

            if (attempt >= 10)
            {
                // Swapped out again and again: report it as unavailable rather than spin.
                return lookup with { Model = null, Outcome = LookupOutcome.Unavailable };
            }
        }
    }

    /// <summary>Scans the repository once and publishes the result. Scans never overlap.</summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        await _scanGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Scan();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.ScanFailed(_logger, Root, LogText.Summarize(ex));
        }
        finally
        {
            _scanGate.Release();
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await ScanAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One bad scan must never end hot reload for the life of the process: log it and poll again.
                    Log.ScanFailed(_logger, Root, LogText.Summarize(ex));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Scan()
    {
        var previous = Catalog;
        if (!Directory.Exists(Root))
        {
            if (!previous.IsLoaded)
            {
                Log.RepositoryMissing(_logger, Root);
            }

            Publish(previous, new ModelCatalog([], isLoaded: true));
            return;
        }

        var changed = !previous.IsLoaded;
        var entries = new List<ModelEntry>();
        foreach (var modelDirectory in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(modelDirectory);
            if (!ModelName().IsMatch(name))
            {
                continue;
            }

            var old = previous.Find(name);
            var versions = new List<ModelVersionEntry>();
            foreach (var versionDirectory in Directory.EnumerateDirectories(modelDirectory))
            {
                if (!TryParseVersion(Path.GetFileName(versionDirectory), out var version))
                {
                    continue;
                }

                var stamp = FileStamp.Read(versionDirectory);
                if (old?.Find(version) is { } known && known.Stamp == stamp)
                {
                    versions.Add(known);
                    continue;
                }

                changed = true;
                versions.Add(LoadVersion(name, version, versionDirectory, stamp));
            }

            changed |= old is not null && old.Versions.Count != versions.Count;
            if (versions.Count > 0)
            {
                entries.Add(new ModelEntry(name, versions));
            }
        }

        changed |= previous.Models.Count != entries.Count;
        if (changed)
        {
            Publish(previous, new ModelCatalog(entries, isLoaded: true));
        }
    }

    private ModelVersionEntry LoadVersion(string name, int version, string directory, FileStamp stamp)
    {
        var started = _time.GetTimestamp();
        ModelCard? card = null;
        try
        {
            var model = _loader.Load(name, version, directory, OnDisposed, out card);
            var s = model.Signature;
            Log.ModelLoaded(_logger, name, version, model.Forecaster.ExecutionProvider, _time.GetElapsedTime(started).TotalMilliseconds, s.Lookback, s.Horizon, s.Frequency.ToString());
            return new ModelVersionEntry(name, version, stamp, model, model.Card, null);
        }
        catch (Exception ex) when (ex is ModelLoadException or IOException or UnauthorizedAccessException or OnnxRuntimeException)
        {
            Log.ModelLoadFailed(_logger, name, version, LogText.RedactPaths(ex.Message));
            return new ModelVersionEntry(name, version, stamp, null, card, ex.Message);
        }
    }

    private void Publish(ModelCatalog previous, ModelCatalog next)
    {
        Volatile.Write(ref _catalog, next);

        // Retire what the new catalog no longer holds: replaced by a reload, or whose folder is gone.
        var kept = next.Models.SelectMany(m => m.Versions).Select(v => v.Model).OfType<LoadedModel>().ToHashSet();
        foreach (var old in previous.Models.SelectMany(m => m.Versions).Where(v => v.Model is not null && !kept.Contains(v.Model)))
        {
            var replaced = next.Find(old.Name)?.Find(old.Version) is not null;
            Log.ModelRetired(_logger, old.Name, old.Version, replaced ? "replaced" : "removed");
            old.Model!.Retire();
        }

        var versions = next.Models.SelectMany(m => m.Versions).ToList();
        Log.RepositoryChanged(_logger, Root, next.Models.Count(m => m.Serving is not null), versions.Count(v => v.Error is not null));
    }

    private void OnDisposed(LoadedModel model) => Log.ModelDisposed(_logger, model.Signature.Name, model.Signature.Version);

    private void OnOnnxRuntimeMessage(object? sender, OnnxLogEventArgs e)
    {
        var level = e.Severity switch
        {
            OnnxLogSeverity.Verbose => LogLevel.Trace,
            OnnxLogSeverity.Info => LogLevel.Debug,
            OnnxLogSeverity.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        Log.OnnxRuntimeMessage(_logger, level, e.Category, LogText.RedactPaths(e.Message));
    }

    private static bool TryParseVersion(string text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0 &&
        string.Equals(version.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex ModelName();
}
