namespace ForecastService.Api.Security;

/// <summary>
/// An optional API key (sections <c>Security:ApiKey</c> for the forecast API and <c>Security:Admin</c> for the admin
/// endpoints). Off by default; when on, the key comes from <see cref="Key"/> or, better, from a secret file.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>The named options for the forecast API (<c>/v1/...</c>).</summary>
    public const string Forecast = "Security:ApiKey";

    /// <summary>The named options for the admin endpoints (<c>/admin/...</c>), which change what is served.</summary>
    public const string Admin = "Security:Admin";

    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The shortest key accepted: shorter keys are guessable.</summary>
    public const int MinKeyLength = 16;

    /// <summary>Whether the key is required (and, for the admin section, whether the admin endpoints exist at all).</summary>
    /// <value>Default false.</value>
    public bool Enabled { get; set; }

    /// <summary>The key itself. Prefer <see cref="KeyFile"/> so the key stays out of the environment and config files.</summary>
    /// <value>At least 16 characters; default none.</value>
    public string? Key { get; set; }

    /// <summary>A file holding the key (a mounted secret); surrounding whitespace is ignored. Wins over <see cref="Key"/>.</summary>
    /// <value>Absolute path; default none.</value>
    public string? KeyFile { get; set; }
}
