namespace ForecastService.Api.Tests.Fixtures;

/// <summary>Polls a condition until it holds or a deadline passes (for hot reload, which happens on its own schedule).</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var value = await read();
            if (done(value) || TimeProvider.System.GetTimestamp() > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
