namespace ForecastService.Api.Tests.Fixtures;

/// <summary>
/// The built service (the ForecastService.Api.dll the build copies beside these tests) as its own process over a
/// model folder, configured by environment variables as a container is, with the settings these tests rely on: a
/// fast repository poll, the CPU provider and JSON logs.
/// </summary>
internal static class TestService
{
    /// <summary>Starts the service over <paramref name="modelsRoot"/> and waits until /health/ready answers 200.</summary>
    public static Task<ServiceProcess> StartAsync(string modelsRoot, IReadOnlyDictionary<string, string>? settings = null) =>
        ServiceProcess.StartAsync(Over(modelsRoot, settings));

    /// <summary>Starts the service without waiting for it: for a start that is meant to fail.</summary>
    public static ServiceProcess Launch(string modelsRoot, IReadOnlyDictionary<string, string>? settings = null) =>
        ServiceProcess.Launch(Over(modelsRoot, settings));

    private static ServiceLaunch Over(string modelsRoot, IReadOnlyDictionary<string, string>? settings)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Models:Root"] = modelsRoot,
            ["Models:PollInterval"] = "00:00:00.2",
            ["Onnx:ExecutionProvider"] = "cpu",
            ["Serilog:Format"] = "json",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return ServiceLaunch.Api(AppContext.BaseDirectory, all, "service");
    }
}
