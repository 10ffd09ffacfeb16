using ForecastService.Api.Streaming;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>The reasons kept for swept streams: answered once, kept for the retention, never more than the capacity.</summary>
public sealed class StreamEvictionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Take_WithinRetention_ReturnsTheReasonOnce()
    {
        var evictions = new StreamEvictions(TimeSpan.FromMinutes(10), capacity: 10);
        evictions.Record(new StreamEviction("a", EvictionReason.ModelUnloaded, "m", 1, Start));

        var first = evictions.Take("a", Start.AddMinutes(9));
        var second = evictions.Take("a", Start.AddMinutes(9));

        Assert.Equal(EvictionReason.ModelUnloaded, first?.Reason);
        Assert.Null(second);
    }

    [Fact]
    public void Take_AfterRetention_ReturnsNothing()
    {
        var evictions = new StreamEvictions(TimeSpan.FromMinutes(10), capacity: 10);
        evictions.Record(new StreamEviction("a", EvictionReason.Idle, "m", 1, Start));

        Assert.Null(evictions.Take("a", Start.AddMinutes(10)));
        Assert.Equal(0, evictions.Count);
    }

    [Fact]
    public void Record_PastCapacity_ForgetsTheOldestFirst()
    {
        var evictions = new StreamEvictions(TimeSpan.FromDays(1), capacity: 3);
        for (var i = 0; i < 1000; i++)
        {
            evictions.Record(new StreamEviction($"s{i}", EvictionReason.Idle, "m", 1, Start.AddSeconds(i)));
        }

        var now = Start.AddSeconds(1000);
        Assert.Equal(3, evictions.Count);
        Assert.Null(evictions.Take("s996", now));
        Assert.NotNull(evictions.Take("s997", now));
        Assert.NotNull(evictions.Take("s999", now));
    }

    [Fact]
    public void Record_SameIdRepeatedly_StaysBoundedAndKeepsTheLatest()
    {
        var evictions = new StreamEvictions(TimeSpan.FromDays(1), capacity: 2);
        for (var i = 0; i < 1000; i++)
        {
            evictions.Record(new StreamEviction("same", i % 2 == 0 ? EvictionReason.Idle : EvictionReason.ModelUnloaded, "m", i, Start.AddSeconds(i)));
            evictions.Forget("other");
        }

        Assert.Equal(1, evictions.Count);
        Assert.Equal(999, evictions.Take("same", Start.AddSeconds(1000))?.Version);
    }

    [Fact]
    public void Forget_AfterRewarm_TakesNothing()
    {
        var evictions = new StreamEvictions(TimeSpan.FromMinutes(10), capacity: 10);
        evictions.Record(new StreamEviction("a", EvictionReason.ModelUnloaded, "m", 1, Start));

        evictions.Forget("a");

        Assert.Null(evictions.Take("a", Start.AddMinutes(1)));
    }
}
