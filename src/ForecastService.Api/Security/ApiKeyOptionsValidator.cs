using Microsoft.Extensions.Options;

namespace ForecastService.Api.Security;

/// <summary>
/// Fails the start when a key is required but missing, unreadable or too short. Messages name the configuration key,
/// never the secret.
/// </summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        if (!options.Enabled || name is null)
        {
            return ValidateOptionsResult.Success;
        }

        string key;
        try
        {
            key = ApiKeyAuthenticator.ReadKey(options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"{name}:KeyFile cannot be read ({ex.GetType().Name}).");
        }

        return key.Length switch
        {
            0 => ValidateOptionsResult.Fail($"{name}:Enabled is true but neither {name}:Key nor {name}:KeyFile gives a key."),
            < ApiKeyOptions.MinKeyLength => ValidateOptionsResult.Fail($"{name}: the key must be at least {ApiKeyOptions.MinKeyLength} characters."),
            _ => ValidateOptionsResult.Success,
        };
    }
}
