using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ForecastService.Api.Tests.Options;

/// <summary>
/// The service's own registrations with bad configuration: start-up validation names the key. (That a failed
/// validation stops the real process with exit code 1 is tested in ServiceProcessTests.)
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Onnx:ExecutionProvider", "tpu")]
    [InlineData("Onnx:DeviceId", "-1")]
    [InlineData("Onnx:IntraOpThreads", "100000")]
    [InlineData("Onnx:InterOpThreads", "-3")]
    [InlineData("RequestLimits:MaxSeries", "0")]
    [InlineData("RequestLimits:MaxPointsPerSeries", "0")]
    [InlineData("RequestLimits:MaxTotalPoints", "-1")]
    [InlineData("RequestLimits:MaxBodyBytes", "10")]
    [InlineData("RequestLimits:MaxLevels", "0")]
    [InlineData("RequestLimits:MaxResponseValues", "10")]
    [InlineData("Models:PollInterval", "00:00:00.001")]
    public void Validate_InvalidOption_FailsNamingTheKey(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => BuildAndValidate(key, value));

        Assert.True(error is OptionsValidationException or AggregateException, error.GetType().Name);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Onnx:ExecutionProvider", "CUDA")]
    [InlineData("Onnx:ExecutionProvider", "cpu")]
    [InlineData("RequestLimits:MaxSeries", "100000")]
    public void Validate_ValidOption_Passes(string key, string value)
    {
        BuildAndValidate(key, value);
    }

    [Fact]
    public void Validate_ValueOfWrongType_FailsNamingTheKey()
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() => BuildAndValidate("RequestLimits:MaxSeries", "many"));

        Assert.Contains("RequestLimits:MaxSeries", error.Message, StringComparison.Ordinal);
    }

    private static void BuildAndValidate(string key, string value)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddForecasting();
        using var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }
}
