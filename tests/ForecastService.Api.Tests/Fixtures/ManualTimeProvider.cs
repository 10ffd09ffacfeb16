namespace ForecastService.Api.Tests.Fixtures;

/// <summary>
/// The system clock plus an offset the test moves forward. Timers still fire on real time (so the model
/// repository's polling keeps working), but whatever they read is the shifted clock.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override long GetTimestamp() => System.GetTimestamp() + (long)(Offset.TotalSeconds * TimestampFrequency);
}
