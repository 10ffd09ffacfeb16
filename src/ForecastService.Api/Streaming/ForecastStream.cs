using ForecastService.Api.Models;
using ForecastService.Core.Forecasting;
using ForecastService.Core.Models;
using ForecastService.Inference;

namespace ForecastService.Api.Streaming;

/// <summary>
/// One warmed stream: the model version it was warmed on (held by a lease, so a reload cannot dispose the session
/// under it), the frozen scaling, the recurrent state after the last observation, and the latest forecast. Calls on
/// one stream are serialised by <see cref="Gate"/>; everything mutable is read and written under it.
/// </summary>
internal sealed class ForecastStream
{
    private long _lastActivityTicks;
    private bool _closed;

    /// <param name="id">The client's id.</param>
    /// <param name="model">The model version, already leased; the stream releases the lease when closed.</param>
    /// <param name="scale">The scaling frozen from the warm-up window.</param>
    /// <param name="state">The state after the warm-up window.</param>
    /// <param name="lastTimestamp">The warm-up window's last timestamp.</param>
    /// <param name="forecast">The forecast after the warm-up window.</param>
    /// <param name="now">When it was warmed.</param>
    public ForecastStream(string id, LoadedModel model, StreamScale scale, StepState state, DateTimeOffset lastTimestamp, SeriesForecast forecast, DateTimeOffset now)
    {
        Id = id;
        Model = model;
        Scale = scale;
        State = state;
        LastTimestamp = lastTimestamp;
        Forecast = forecast;
        Points = model.Signature.Lookback;
        Touch(now);
    }

    public string Id { get; }

    public LoadedModel Model { get; }

    public StepModelRunner Step => Model.Step!;

    public StreamScale Scale { get; }

    /// <summary>Serialises calls on this stream. Never take the store's lock while holding it.</summary>
    public Lock Gate { get; } = new();

    public StepState State { get; private set; }

    public DateTimeOffset LastTimestamp { get; private set; }

    public SeriesForecast Forecast { get; private set; }

    public long Points { get; private set; }

    /// <summary>True once deleted, replaced or evicted: a caller that found it just before must answer 404.</summary>
    public bool IsClosed
    {
        get
        {
            lock (Gate)
            {
                return _closed;
            }
        }
    }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);

    public bool IsIdle(DateTimeOffset now, TimeSpan timeout) => now - LastActivity >= timeout;

    /// <summary>Records a successful step. Call under <see cref="Gate"/>.</summary>
    public void Advance(StepState state, DateTimeOffset lastTimestamp, int points, SeriesForecast forecast)
    {
        State = state;
        LastTimestamp = lastTimestamp;
        Points += points;
        Forecast = forecast;
    }

    /// <summary>Marks the stream closed and releases its model lease, once; waits for a call in progress on it.</summary>
    public bool Close()
    {
        lock (Gate)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
        }

        Model.Release();
        return true;
    }
}
