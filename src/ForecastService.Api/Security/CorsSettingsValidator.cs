using Microsoft.Extensions.Options;

namespace ForecastService.Api.Security;

/// <summary>Fails the start on an origin that is not an absolute http(s) origin, naming the key.</summary>
internal sealed class CorsSettingsValidator : IValidateOptions<CorsSettings>
{
    public ValidateOptionsResult Validate(string? name, CorsSettings options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                failures.Add($"{CorsSettings.SectionName}:{nameof(options.AllowedOrigins)}:{i} must be an origin like https://app.example.com (scheme, host, optional port; no path, no '*').");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
