namespace ForecastService.Api.Options;

/// <summary>
/// Resolves <c>Models:Root</c> to an absolute path: as configured (relative to the content root), else the
/// checkout's <c>models/</c> when run from the repository (found by walking up to <c>ForecastService.sln</c>), else
/// <c>models/</c> beside the app, which is <c>/app/models</c> in the container.
/// </summary>
internal sealed class ModelsRootResolver(IHostEnvironment environment) : Microsoft.Extensions.Options.IPostConfigureOptions<ModelsOptions>
{
    public void PostConfigure(string? name, ModelsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Root))
        {
            options.Root = Path.GetFullPath(options.Root, environment.ContentRootPath);
            return;
        }

        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ForecastService.sln")))
                {
                    options.Root = Path.Combine(dir.FullName, "models");
                    return;
                }
            }
        }

        options.Root = Path.Combine(environment.ContentRootPath, "models");
    }
}
