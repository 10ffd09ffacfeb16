using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ForecastService.Api.Tests.Fixtures;

/// <summary>The real service in-process over a fixture repository, polled every 100 ms.</summary>
public sealed class ApiFactory(string modelsRoot, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Models:Root", modelsRoot);
        builder.UseSetting("Models:PollInterval", "00:00:00.1");
        builder.UseSetting("Onnx:ExecutionProvider", "cpu");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
