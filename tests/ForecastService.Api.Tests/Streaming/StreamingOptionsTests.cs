using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Tests.Streaming;

/// <summary>Streaming's limits are validated at start, naming the key; the documented defaults hold.</summary>
public sealed class StreamingOptionsTests
{
    [Theory]
    [InlineData("Streaming:MaxStreams", "0")]
    [InlineData("Streaming:IdleTimeout", "00:00:00.5")]
    [InlineData("Streaming:IdleTimeout", "8.00:00:00")]
    [InlineData("Streaming:SweepInterval", "00:00:00.001")]
    [InlineData("Streaming:MaxPointsPerObservation", "0")]
    public void Validate_InvalidOption_FailsNamingTheKey(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = Build(key, value);
        });

        Assert.True(error is OptionsValidationException or AggregateException, error.GetType().Name);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        using var app = Build("Unrelated", "1");

        var options = app.Services.GetRequiredService<IOptions<ForecastService.Api.Streaming.StreamingOptions>>().Value;

        Assert.Equal(10_000, options.MaxStreams);
        Assert.Equal(TimeSpan.FromMinutes(30), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SweepInterval);
        Assert.Equal(1_000, options.MaxPointsPerObservation);
    }

    private static WebApplication Build(string key, string value)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.Services.AddStreaming();
        var app = builder.Build();
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return app;
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }
}
